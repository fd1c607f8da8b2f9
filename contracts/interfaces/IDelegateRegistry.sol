// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IDelegateRegistry
/// @notice Delegate statements without a server: an account publishes a name, a statement (short text) and an
/// optional link, so that people choosing a delegate can read who it is and what it stands for from the chain
/// alone. Anyone may publish; readers decide whose statements to show (the app shows those of accounts that
/// hold votes). A new statement replaces the previous one; `clearStatement` withdraws it.
/// @dev Stored-latest by digest (docs/spec.md §10). The text lives only in the `StatementPublished` event; the
/// contract stores, per account, the digest of the latest statement and the block and time it was published.
/// - Why not event-only: a reader would have to scan every log since deployment to learn an account's current
///   statement, and could not tell a cleared statement from a missed log. With `statementOf` it makes one call
///   and one `eth_getLogs` over that single block, and checks the log against the digest.
/// - Why not the full text: storage costs about 22,100 gas per 32 bytes, about 0.7M gas for a full-length
///   statement, for text that no contract reads; the digest costs two storage slots whatever the length.
/// Every field is untrusted text chosen by the publisher: readers must escape it and show only `https:` (or
/// `http:`) links. Lengths are in bytes of UTF-8, not characters.
interface IDelegateRegistry {
    // ---------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------

    /// @notice `delegate` published its statement: `name`, `statement` and `link` (empty when it gave none).
    /// It replaces any earlier statement of `delegate`.
    event StatementPublished(address indexed delegate, string name, string statement, string link);

    /// @notice `delegate` withdrew its statement; until it publishes again it has none.
    event StatementCleared(address indexed delegate);

    // ---------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------

    /// @notice A statement needs a name; the name given was empty.
    error DelegateRegistryNameEmpty();

    /// @notice A statement needs text; the statement given was empty.
    error DelegateRegistryStatementEmpty();

    /// @notice The name is `length` bytes long, more than the `max` allowed.
    error DelegateRegistryNameTooLong(uint256 length, uint256 max);

    /// @notice The statement is `length` bytes long, more than the `max` allowed.
    error DelegateRegistryStatementTooLong(uint256 length, uint256 max);

    /// @notice The link is `length` bytes long, more than the `max` allowed.
    error DelegateRegistryLinkTooLong(uint256 length, uint256 max);

    /// @notice `delegate` has no statement to clear.
    error DelegateRegistryNoStatement(address delegate);

    // ---------------------------------------------------------------------------------------------
    // Functions
    // ---------------------------------------------------------------------------------------------

    /// @notice Publishes the caller's statement, replacing any earlier one, and emits `StatementPublished`.
    /// @param name How the caller wants to be called: 1 to `MAX_NAME_LENGTH` bytes.
    /// @param statement What the caller stands for and how it will vote: 1 to `MAX_STATEMENT_LENGTH` bytes.
    /// @param link An optional address of a longer text (a forum post, a website): 0 to `MAX_LINK_LENGTH` bytes.
    function publishStatement(string calldata name, string calldata statement, string calldata link) external;

    /// @notice Withdraws the caller's statement and emits `StatementCleared`; reverts
    /// `DelegateRegistryNoStatement` when it has none.
    function clearStatement() external;

    /// @notice The latest statement of `delegate`, or zeros when it has none (never published, or cleared).
    /// @return digest `statementDigest(name, statement, link)` of the statement's fields.
    /// @return publishedAt The timestamp of the block in which it was published.
    /// @return blockNumber The block in which it was published: its `StatementPublished` event is there.
    function statementOf(
        address delegate
    ) external view returns (bytes32 digest, uint256 publishedAt, uint256 blockNumber);

    /// @notice Whether `delegate` has a statement now.
    function hasStatement(address delegate) external view returns (bool);

    /// @notice The digest `statementOf` records for a statement: `keccak256(abi.encode(name, statement, link))`.
    function statementDigest(
        string calldata name,
        string calldata statement,
        string calldata link
    ) external pure returns (bytes32);

    /// @notice The longest name, in bytes: 64.
    function MAX_NAME_LENGTH() external view returns (uint256);

    /// @notice The longest statement, in bytes: 1,024.
    function MAX_STATEMENT_LENGTH() external view returns (uint256);

    /// @notice The longest link, in bytes: 256.
    function MAX_LINK_LENGTH() external view returns (uint256);
}
