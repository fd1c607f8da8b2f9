// Unit tests of the WASM test host's encodings, which every mapping test relies on.
import { expect } from "chai";
import { bigIntToSignedBytes, signedBytesToBigInt } from "./host/memory.ts";

describe("Subgraph test host (graph-node value encodings)", function () {
  it("test_EncodesBigIntsAsMinimalSignedLittleEndianBytes", function () {
    // num-bigint's to_signed_bytes_le, which graph-node uses for BigInt.
    const cases: [bigint, number[]][] = [
      [0n, [0x00]],
      [1n, [0x01]],
      [127n, [0x7f]],
      [128n, [0x80, 0x00]],
      [255n, [0xff, 0x00]],
      [256n, [0x00, 0x01]],
      [-1n, [0xff]],
      [-128n, [0x80]],
      [-129n, [0x7f, 0xff]],
      [0x1234n, [0x34, 0x12]],
    ];
    for (const [value, bytes] of cases) {
      expect([...bigIntToSignedBytes(value)], value.toString()).to.deep.equal(bytes);
    }
  });

  it("testFuzz_RoundTripsBigInts", function () {
    let seed = 0x2545f491n;
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n));
    for (let i = 0; i < 2000; i++) {
      const bits = next() % 300n;
      let value = (next() << 192n) | (next() << 128n) | (next() << 64n) | next();
      value &= (1n << bits) - 1n;
      if (next() % 2n === 0n) value = -value;
      expect(signedBytesToBigInt(bigIntToSignedBytes(value))).to.equal(value);
    }
    expect(signedBytesToBigInt(new Uint8Array())).to.equal(0n);
    expect(signedBytesToBigInt(Uint8Array.from([0x00, 0x80]))).to.equal(-32768n);
  });
});
