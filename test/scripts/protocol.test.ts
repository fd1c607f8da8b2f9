// shared/protocol.ts is the TypeScript copy of the protocol's numbers: it must equal the contract's, the deploy
// parameters' and the subgraph's generated copy.
import { expect } from "chai";
import { network } from "hardhat";
import { loadParameters } from "../../scripts/lib/deployment.ts";
import { protocolSource } from "../../scripts/subgraph/build.ts";
import { DEFAULT_LEVEL_THRESHOLDS, LEVEL_COUNT, MAX_LOCK, MIN_LOCK, WEEK } from "../../shared/protocol.ts";
import { deployEscrowFixture } from "../helpers/escrowFixture.ts";

const connection = await network.create();

describe("shared/protocol.ts", function () {
  it("test_ConstantsEqualTheEscrows", async function () {
    const { escrow } = await deployEscrowFixture(connection);
    expect(await escrow.WEEK()).to.equal(WEEK);
    expect(await escrow.MAX_LOCK()).to.equal(MAX_LOCK);
    expect(await escrow.MIN_LOCK()).to.equal(MIN_LOCK);
    expect(await escrow.levelThresholds()).to.deep.equal(DEFAULT_LEVEL_THRESHOLDS);
    expect(DEFAULT_LEVEL_THRESHOLDS).to.have.length(LEVEL_COUNT);
  });

  for (const profile of ["local", "production"]) {
    it(`test_DefaultThresholdsEqualThe${profile[0].toUpperCase()}${profile.slice(1)}Parameters`, async function () {
      const { levelThresholds } = await loadParameters(profile);
      expect(levelThresholds.map(BigInt)).to.deep.equal(DEFAULT_LEVEL_THRESHOLDS);
    });
  }

  it("test_SubgraphCopyIsGeneratedFromIt", function () {
    const source = protocolSource();
    expect(source).to.contain(`WEEK_SECONDS: i32 = ${WEEK};`);
    expect(source).to.contain(`MAX_LOCK_SECONDS: i32 = ${MAX_LOCK};`);
  });
});
