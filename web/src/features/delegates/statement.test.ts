import { describe, expect, it } from "vitest";
import { byteLength, safeLink, validateStatement } from "./statement";

describe("a delegate statement", () => {
  it("accepts a name, a statement and an https link", () => {
    expect(validateStatement({ name: "Alice", statement: "Lean treasury.", link: "https://a.example/x" })).toEqual({});
  });

  it("asks for a name and a statement", () => {
    expect(validateStatement({ name: " ", statement: "", link: "" })).toEqual({
      name: "Enter the name people will see.",
      statement: "Write a statement: what you stand for and how you will vote.",
    });
  });

  it("counts bytes, as the contract does", () => {
    expect(byteLength("é")).toBe(2);
    expect(validateStatement({ name: "é".repeat(32), statement: "x", link: "" })).toEqual({});
    expect(validateStatement({ name: "é".repeat(33), statement: "x", link: "" }).name).toBe(
      "The name is 66 bytes long; the most is 64.",
    );
    expect(validateStatement({ name: "A", statement: "s".repeat(1025), link: "" }).statement).toBe(
      "The statement is 1025 bytes long; the most is 1024.",
    );
  });

  it("refuses links that are not web addresses", () => {
    expect(validateStatement({ name: "A", statement: "s", link: "javascript:alert(1)" }).link).toBe(
      "The link must be a web address starting with https://.",
    );
    expect(safeLink("javascript:alert(1)")).toBeUndefined();
    expect(safeLink("forum.example/t/1")).toBeUndefined();
    expect(safeLink("https://forum.example/t/1")).toBe("https://forum.example/t/1");
    expect(validateStatement({ name: "A", statement: "s", link: "https://" + "l".repeat(300) }).link).toBe(
      "The link is 308 bytes long; the most is 256.",
    );
  });
});
