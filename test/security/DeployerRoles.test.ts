import { expect } from "chai";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import {
  ROLES,
  checkDeployment,
  deploySystem,
  loadParameters,
  type DeployedSystem,
  type LockstepParameters,
} from "../../scripts/lib/deployment.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

/** The production profile with a fresh token (the Ignition `Lockstep` module). */
async function freshTokenFixture(connection: NetworkConnection) {
  const parameters = await loadParameters("production");
  const [deployer] = await connection.ethers.getSigners();
  return { parameters, deployer, ...(await deploySystem(connection, parameters)) };
}

/** The production profile over an existing token (the Ignition `LockstepExistingToken` module). */
async function existingTokenFixture(connection: NetworkConnection) {
  const [deployer] = await connection.ethers.getSigners();
  const token = await connection.ethers.deployContract("DecimalsToken", [18n]);
  const parameters = { ...(await loadParameters("production")), token: await token.getAddress() };
  return { parameters, deployer, ...(await deploySystem(connection, parameters)) };
}

// A deployer key that keeps a role (a timelock admin or proposer, an escrow or distributor admin) is a
// single key that can bypass the DAO: the pattern behind many "admin key" losses. After a deployment the
// deployer must hold nothing.
describe("Security: the deployer keeps no role", function () {
  for (const [name, suffix, fixture] of [
    ["fresh token", "FreshToken", freshTokenFixture],
    ["existing token", "ExistingToken", existingTokenFixture],
  ] as const) {
    describe(name, function () {
      let f: DeployedSystem & {
        parameters: LockstepParameters;
        deployer: Awaited<ReturnType<typeof ethers.getSigners>>[0];
      };

      beforeEach(async function () {
        f = await networkHelpers.loadFixture(fixture);
      });

      it(`test_DeployerHoldsNoTimelockRole_${suffix}`, async function () {
        for (const [role, id] of Object.entries(ROLES)) {
          expect(await f.timelock.hasRole(id, f.deployer.address)).to.equal(false, role);
          expect(await f.timelock.hasRole(id, ethers.ZeroAddress)).to.equal(false, `${role} is not open`);
        }
        // Every power the deployer would need is refused.
        await expect(
          f.timelock.connect(f.deployer).getFunction("schedule")(
            f.deployer.address,
            0n,
            "0x",
            ethers.ZeroHash,
            ethers.ZeroHash,
            await f.timelock.getMinDelay(),
          ),
        )
          .to.be.revertedWithCustomError(f.timelock, "AccessControlUnauthorizedAccount")
          .withArgs(f.deployer.address, ROLES.PROPOSER_ROLE);
        await expect(f.timelock.connect(f.deployer).getFunction("grantRole")(ROLES.PROPOSER_ROLE, f.deployer.address))
          .to.be.revertedWithCustomError(f.timelock, "AccessControlUnauthorizedAccount")
          .withArgs(f.deployer.address, ROLES.DEFAULT_ADMIN_ROLE);
        await expect(f.timelock.connect(f.deployer).getFunction("updateDelay")(0n))
          .to.be.revertedWithCustomError(f.timelock, "TimelockUnauthorizedCaller")
          .withArgs(f.deployer.address);
      });

      it(`test_DeployerIsNotAnAdminOfTheEscrowDistributorOrGovernor_${suffix}`, async function () {
        const timelock = await f.timelock.getAddress();
        expect(await f.escrow.admin()).to.equal(timelock);
        expect(await f.distributor.admin()).to.equal(timelock);
        expect(await f.governor.timelock()).to.equal(timelock);
        await expect(f.escrow.connect(f.deployer).getFunction("setLevelThresholds")(f.parameters.levelThresholds))
          .to.be.revertedWithCustomError(f.escrow, "VotingEscrowUnauthorized")
          .withArgs(f.deployer.address);
        await expect(f.distributor.connect(f.deployer).getFunction("addRewardToken")(f.deployer.address))
          .to.be.revertedWithCustomError(f.distributor, "RevenueDistributorUnauthorized")
          .withArgs(f.deployer.address);
        await expect(f.governor.connect(f.deployer).getFunction("setVotingPeriod")(1n))
          .to.be.revertedWithCustomError(f.governor, "GovernorOnlyExecutor")
          .withArgs(f.deployer.address);
      });

      it(`test_VerifyDeploymentFindsNoOutsideRoleHolder_${suffix}`, async function () {
        // Also replays every RoleGranted event: nobody but the timelock and the governor holds a role now.
        const checks = await checkDeployment(connection, f.deployment, f.parameters, {
          deployer: f.deployer.address,
        });
        expect(checks.filter((c) => !c.ok)).to.deep.equal([]);
        expect(checks.some((c) => c.name === `deployer ${f.deployer.address} lacks DEFAULT_ADMIN_ROLE`)).to.equal(true);
      });
    });
  }
});
