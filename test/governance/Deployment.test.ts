import { expect } from "chai";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, type Deployment, CONTRACT_NAMES } from "../../scripts/lib/deployment-file.ts";
import {
  type LockstepParameters,
  ROLES,
  checkDeployment,
  deploySystem,
  loadParameters,
  printChecks,
} from "../../scripts/lib/deployment.ts";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;

async function deployLocalFixture(connection: NetworkConnection) {
  const parameters = await loadParameters("local");
  const system = await deploySystem(connection, parameters);
  const [deployer] = await connection.ethers.getSigners();
  return { parameters, deployer, ...system };
}

describe("Deployment (Ignition module, scripts/lib/deployment.ts)", function () {
  let parameters: LockstepParameters;

  before(async function () {
    parameters = await loadParameters("local");
  });

  describe("deploySystem with the local profile", function () {
    it("test_RecordsEveryContractWithItsCreationBlock", async function () {
      const { deployment } = await networkHelpers.loadFixture(deployLocalFixture);
      expect(deployment.chainId).to.equal(31337);
      expect(deployment.network).to.be.a("string");
      expect(Object.keys(deployment.contracts)).to.deep.equal([...CONTRACT_NAMES]);
      for (const name of CONTRACT_NAMES) {
        const { address, blockNumber } = deployment.contracts[name];
        expect(await ethers.provider.getCode(address, blockNumber)).to.not.equal("0x", name);
        expect(await ethers.provider.getCode(address, blockNumber - 1)).to.equal("0x", name);
      }
    });

    it("test_WiresTheTimelockAsTheOnlyAdmin", async function () {
      const { deployer, token, escrow, distributor, earlyAccess, timelock, governor, delegateRegistry } =
        await networkHelpers.loadFixture(deployLocalFixture);
      expect(await delegateRegistry.MAX_STATEMENT_LENGTH()).to.equal(1024n);
      const timelockAddress = await timelock.getAddress();
      expect(await escrow.admin()).to.equal(timelockAddress);
      expect(await distributor.admin()).to.equal(timelockAddress);
      expect(await earlyAccess.admin()).to.equal(timelockAddress);
      expect(await earlyAccess.escrow()).to.equal(await escrow.getAddress());
      expect(await escrow.token()).to.equal(await token.getAddress());
      expect(await distributor.escrow()).to.equal(await escrow.getAddress());
      expect(await governor.token()).to.equal(await escrow.getAddress());
      expect(await governor.timelock()).to.equal(timelockAddress);
      for (const role of Object.values(ROLES)) {
        expect(await timelock.hasRole(role, deployer.address)).to.equal(false);
        expect(await timelock.hasRole(role, ethers.ZeroAddress)).to.equal(false);
      }
      expect(await timelock.hasRole(ROLES.PROPOSER_ROLE, await governor.getAddress())).to.equal(true);
      expect(await timelock.hasRole(ROLES.CANCELLER_ROLE, await governor.getAddress())).to.equal(true);
      expect(await timelock.hasRole(ROLES.EXECUTOR_ROLE, await governor.getAddress())).to.equal(true);
      expect(await timelock.hasRole(ROLES.DEFAULT_ADMIN_ROLE, timelockAddress)).to.equal(true);
    });

    it("test_AppliesTheParameters", async function () {
      const { token, escrow, distributor, timelock, governor } = await networkHelpers.loadFixture(deployLocalFixture);
      expect(await governor.votingDelay()).to.equal(BigInt(parameters.votingDelay));
      expect(await governor.votingPeriod()).to.equal(BigInt(parameters.votingPeriod));
      expect(await governor.proposalThreshold()).to.equal(parameters.proposalThreshold);
      expect(await governor.quorumNumerator()).to.equal(BigInt(parameters.quorumNumerator));
      expect(await governor.lateQuorumVoteExtension()).to.equal(BigInt(parameters.lateQuorumExtension));
      expect(await governor.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await timelock.getMinDelay()).to.equal(BigInt(parameters.timelockDelay));
      expect([...(await escrow.levelThresholds())]).to.deep.equal(parameters.levelThresholds);
      expect(await distributor.isRewardToken(await token.getAddress())).to.equal(true);
      expect(await token.balanceOf(await timelock.getAddress())).to.equal(parameters.treasuryAmount);
    });

    it("test_LocalProfileLeavesTheRestWithTheDeployerForSeeding", async function () {
      const { deployer, token } = await networkHelpers.loadFixture(deployLocalFixture);
      expect(parameters.tokenRecipient).to.equal("deployer");
      expect(await token.balanceOf(deployer.address)).to.equal(parameters.tokenSupply! - parameters.treasuryAmount!);
    });

    it("test_ProductionProfileUsesTheSpecDefaults", async function () {
      const production = await loadParameters("production");
      expect(production.votingDelay).to.equal(86_400);
      expect(production.votingPeriod).to.equal(5 * 86_400);
      expect(production.proposalThreshold).to.equal(10_000n * 10n ** 18n);
      expect(production.quorumNumerator).to.equal(4);
      expect(production.timelockDelay).to.equal(2 * 86_400);
      expect(production.lateQuorumExtension).to.equal(86_400);
      expect(production.tokenRecipient).to.equal("treasury");
      // The local profile only shortens the delays and leaves the deployer the supply to hand out.
      const shared = (p: LockstepParameters) => ({
        ...p,
        votingDelay: 0,
        votingPeriod: 0,
        timelockDelay: 0,
        lateQuorumExtension: 0,
        tokenRecipient: "",
      });
      expect(shared(parameters)).to.deep.equal(shared(production));
      expect(parameters.votingPeriod % 60).to.equal(0);
      expect(parameters.votingPeriod).to.be.lessThan(3600);
    });

    it("test_DeploysOverAnExistingToken", async function () {
      const [deployer] = await ethers.getSigners();
      const existing = await ethers.deployContract("GovernanceToken", [
        "Existing",
        "EXT",
        deployer.address,
        10n ** 24n,
      ]);
      const { deployment, escrow } = await deploySystem(connection, {
        ...parameters,
        token: await existing.getAddress(),
      });
      expect(deployment.contracts.GovernanceToken.address).to.equal(await existing.getAddress());
      expect(await escrow.token()).to.equal(await existing.getAddress());
      expect(await escrow.symbol()).to.equal("veEXT");
    });
  });

  describe("a fresh token's supply (tokenRecipient)", function () {
    it("test_ProductionProfileHandsTheWholeSupplyToTheTreasury", async function () {
      const production = await loadParameters("production");
      const [deployer] = await ethers.getSigners();
      const { deployment, token, timelock } = await deploySystem(connection, production);
      expect(await token.balanceOf(deployer.address)).to.equal(0n);
      expect(await token.balanceOf(await timelock.getAddress())).to.equal(production.tokenSupply);
      const checks = await checkDeployment(connection, deployment, production);
      expect(checks.filter((c) => !c.ok)).to.deep.equal([]);
      expect(checks.map((c) => c.name)).to.include(`deployer ${deployer.address} holds no GovernanceToken`);
    });

    it("test_ConfiguredRecipientReceivesAllButTheTreasuryAmount", async function () {
      const [deployer, , recipient] = await ethers.getSigners();
      const configured = { ...parameters, tokenRecipient: recipient.address };
      const { deployment, token, timelock } = await deploySystem(connection, configured);
      expect(await token.balanceOf(deployer.address)).to.equal(0n);
      expect(await token.balanceOf(await timelock.getAddress())).to.equal(parameters.treasuryAmount);
      expect(await token.balanceOf(recipient.address)).to.equal(parameters.tokenSupply! - parameters.treasuryAmount!);
      const checks = await checkDeployment(connection, deployment, configured);
      expect(checks.filter((c) => !c.ok)).to.deep.equal([]);
    });

    it("test_RefusesAnInvalidRecipient", async function () {
      for (const tokenRecipient of ["timelock", "0x1234", ethers.ZeroAddress]) {
        let message = "";
        await deploySystem(connection, { ...parameters, tokenRecipient }).catch((e: Error) => (message = e.message));
        expect(message).to.include(`tokenRecipient must be "treasury", "deployer" or a non-zero address`);
      }
    });

    it("test_RefusesADeployerHeldSupplyOffTheLocalChain", async function () {
      const other = await network.create({ network: "hardhat", override: { chainId: 1337 } });
      let message = "";
      await deploySystem(other, parameters).catch((e: Error) => (message = e.message));
      expect(message).to.include('tokenRecipient "deployer" is for the local chain only (this is chain 1337)');
    });
  });

  describe("checkDeployment (npm run verify:deployment)", function () {
    it("test_AcceptsTheIgnitionDeployment", async function () {
      const { deployment } = await networkHelpers.loadFixture(deployLocalFixture);
      const checks = await checkDeployment(connection, deployment, parameters);
      const lines: string[] = [];
      expect(printChecks(checks, (line) => lines.push(line))).to.equal(0);
      expect(checks.every((c) => c.ok)).to.equal(true);
      // Every wire of the brief is covered by a line.
      const names = checks.map((c) => c.name).join("\n");
      for (const wire of [
        "VotingEscrow.token()",
        "RevenueDistributor.escrow()",
        "LockstepGovernor.token()",
        "LockstepGovernor.timelock()",
        "VotingEscrow.admin()",
        "RevenueDistributor.admin()",
        "EarlyAccess.escrow()",
        "EarlyAccess.admin()",
        "is the timelock executor",
        "deployer",
        "zero address",
        "level thresholds",
        "voting delay",
        "voting period",
        "proposal threshold",
        "quorum numerator",
        "late-quorum extension",
        "timelock delay",
        "governance window",
        "at most 18 decimals",
      ]) {
        expect(names).to.include(wire);
      }
      const printed = lines.flatMap((l) => l.split("\n")).filter((l) => l !== "");
      expect(printed.slice(0, -1).every((l) => l.startsWith("✓ "))).to.equal(true);
      expect(printed.at(-1)).to.equal(`All ${checks.length} checks passed.`);
    });

    it("test_RejectsAMisWiredDeployment", async function () {
      const { deployment: good } = await networkHelpers.loadFixture(deployLocalFixture);
      const [deployer, stranger] = await ethers.getSigners();
      const token = good.contracts.GovernanceToken.address;
      // The deployer keeps the timelock admin role, the distributor's and early access's admin is the
      // deployer, early access reads another escrow, the governor is only a proposer (no executor) and has a shorter voting period than the parameters.
      const timelock = await ethers.deployContract("TimelockController", [
        parameters.timelockDelay,
        [],
        [],
        deployer.address,
      ]);
      const escrow = await ethers.deployContract("VotingEscrow", [token, timelock]);
      const distributor = await ethers.deployContract("RevenueDistributor", [escrow, deployer.address]);
      const otherEscrow = await ethers.deployContract("VotingEscrow", [token, timelock]);
      const earlyAccess = await ethers.deployContract("EarlyAccess", [otherEscrow, deployer.address]);
      const governor = await ethers.deployContract("LockstepGovernor", [
        escrow,
        timelock,
        parameters.votingDelay,
        parameters.votingPeriod - 1,
        parameters.proposalThreshold,
        parameters.quorumNumerator,
        parameters.lateQuorumExtension,
      ]);
      await timelock.grantRole(ROLES.PROPOSER_ROLE, governor);
      await timelock.grantRole(ROLES.EXECUTOR_ROLE, stranger.address);
      await timelock.revokeRole(ROLES.EXECUTOR_ROLE, stranger.address);
      await timelock.grantRole(ROLES.CANCELLER_ROLE, stranger.address);

      const entry = async (c: {
        getAddress(): Promise<string>;
        deploymentTransaction(): { wait(): Promise<{ blockNumber: number } | null> } | null;
      }) => ({
        address: (await c.getAddress()) as Address,
        blockNumber: (await c.deploymentTransaction()!.wait())!.blockNumber,
      });
      const governorEntry = await entry(governor);
      const bad: Deployment = {
        chainId: 31337,
        network: "hardhat",
        contracts: {
          GovernanceToken: good.contracts.GovernanceToken,
          VotingEscrow: await entry(escrow),
          RevenueDistributor: await entry(distributor),
          EarlyAccess: await entry(earlyAccess),
          TimelockController: await entry(timelock),
          // A wrong block number must be caught too (the subgraph would miss events).
          LockstepGovernor: { ...governorEntry, blockNumber: governorEntry.blockNumber + 1 },
          // Code, but not a DelegateRegistry.
          DelegateRegistry: await entry(otherEscrow),
        },
      };
      const checks = await checkDeployment(connection, bad, parameters);
      const failed = checks.filter((c) => !c.ok).map((c) => c.name);
      expect(printChecks(checks, () => {})).to.equal(failed.length);
      expect(failed).to.have.members([
        `LockstepGovernor has code at ${bad.contracts.LockstepGovernor.address} from block ${bad.contracts.LockstepGovernor.blockNumber}`,
        "RevenueDistributor.admin() is the TimelockController",
        "EarlyAccess.escrow() is the VotingEscrow",
        "EarlyAccess.admin() is the TimelockController",
        "LockstepGovernor is a timelock canceller",
        "LockstepGovernor is the timelock executor",
        `deployer ${deployer.address} lacks DEFAULT_ADMIN_ROLE`,
        `past role holder ${stranger.address} lacks CANCELLER_ROLE`,
        `voting period is ${parameters.votingPeriod} s`,
        "GovernanceToken is a reward token",
        "DelegateRegistry answers statementDigest",
      ]);
      // The deployer was identified from the timelock's constructor events.
      expect(checks.some((c) => c.name === `deployer ${deployer.address} lacks PROPOSER_ROLE` && c.ok)).to.equal(true);
    });

    it("test_RejectsAWrongContractLink", async function () {
      const { deployment } = await networkHelpers.loadFixture(deployLocalFixture);
      // Swapping two addresses in the file breaks every link that involves them.
      const swapped: Deployment = {
        ...deployment,
        contracts: {
          ...deployment.contracts,
          VotingEscrow: deployment.contracts.RevenueDistributor,
          RevenueDistributor: deployment.contracts.VotingEscrow,
        },
      };
      const failed = (await checkDeployment(connection, swapped, parameters)).filter((c) => !c.ok).map((c) => c.name);
      expect(failed).to.include.members([
        "VotingEscrow.token() is the GovernanceToken",
        "RevenueDistributor.escrow() is the VotingEscrow",
        "EarlyAccess.escrow() is the VotingEscrow",
        "LockstepGovernor.token() is the VotingEscrow",
      ]);
    });

    const WINDOW_CHECK =
      "governance window (voting delay + voting period + late-quorum extension + timelock delay) is within VotingEscrow.MIN_LOCK()";

    it("test_AcceptsAGovernanceWindowOfExactlyMinLock", async function () {
      const [deployer] = await ethers.getSigners();
      const probe = await ethers.deployContract("VotingEscrow", [
        await ethers.deployContract("GovernanceToken", ["P", "P", deployer.address, 1n]),
        deployer.address,
      ]);
      const minLock = Number(await probe.MIN_LOCK());
      expect(minLock).to.equal(4 * 7 * 86_400);
      const exact = {
        ...parameters,
        votingPeriod: minLock - parameters.votingDelay - parameters.lateQuorumExtension - parameters.timelockDelay,
      };
      const { deployment } = await deploySystem(connection, exact);
      const checks = await checkDeployment(connection, deployment, exact);
      expect(checks.filter((c) => !c.ok)).to.deep.equal([]);
      expect(checks.find((c) => c.name === WINDOW_CHECK)?.ok).to.equal(true);
    });

    it("test_RejectsAGovernanceWindowLongerThanMinLock", async function () {
      // One second more than 4 weeks: a vote bought with tokens locked for MIN_LOCK could leave before the
      // proposal runs. The parameters match the chain, so only the window check fails.
      const minLock = 4 * 7 * 86_400;
      const tooLong = {
        ...parameters,
        votingPeriod: minLock - parameters.votingDelay - parameters.lateQuorumExtension - parameters.timelockDelay + 1,
      };
      const { deployment } = await deploySystem(connection, tooLong);
      const checks = await checkDeployment(connection, deployment, tooLong);
      const failed = checks.filter((c) => !c.ok);
      expect(failed.map((c) => c.name)).to.deep.equal([WINDOW_CHECK]);
      expect(failed[0].detail).to.equal(
        `window ${minLock + 1} s (${tooLong.votingDelay} + ${tooLong.votingPeriod} + ${tooLong.lateQuorumExtension} + ${tooLong.timelockDelay}) > MIN_LOCK ${minLock} s`,
      );
    });

    it("test_RejectsADeployerThatKeptAFreshSupply", async function () {
      // Deployed as for local development, verified as a production deployment must be.
      const { deployment, deployer } = await networkHelpers.loadFixture(deployLocalFixture);
      const checks = await checkDeployment(connection, deployment, { ...parameters, tokenRecipient: "treasury" });
      const failed = checks.filter((c) => !c.ok);
      expect(failed.map((c) => c.name)).to.deep.equal([`deployer ${deployer.address} holds no GovernanceToken`]);
      expect(failed[0].detail).to.equal(`found ${parameters.tokenSupply! - parameters.treasuryAmount!}, expected 0`);
      // The local profile itself passes: keeping the supply is how the seed scripts fund test accounts.
      expect((await checkDeployment(connection, deployment, parameters)).filter((c) => !c.ok)).to.deep.equal([]);
    });

    it("test_RejectsATokenWithMoreThan18Decimals", async function () {
      // The escrow refuses such a token, so only a deployment file pointing elsewhere can show one.
      const { deployment } = await networkHelpers.loadFixture(deployLocalFixture);
      const wide = await ethers.deployContract("DecimalsToken", [24]);
      const blockNumber = (await wide.deploymentTransaction()!.wait())!.blockNumber;
      const address = (await wide.getAddress()) as `0x${string}`;
      const pointed: Deployment = {
        ...deployment,
        contracts: { ...deployment.contracts, GovernanceToken: { address, blockNumber } },
      };
      const checks = await checkDeployment(connection, pointed, { ...parameters, token: address });
      const decimals = checks.find((c) => c.name === "GovernanceToken has at most 18 decimals");
      expect(decimals).to.deep.equal({
        name: "GovernanceToken has at most 18 decimals",
        ok: false,
        detail: "found 24",
      });
      // With the right token the same check passes.
      const good = await checkDeployment(connection, deployment, parameters);
      expect(good.find((c) => c.name === "GovernanceToken has at most 18 decimals")?.ok).to.equal(true);
    });
  });
});
