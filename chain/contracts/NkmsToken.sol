// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

/// The staking and reward token: a plain ERC-20 whose total supply can never exceed `maxSupply` (S_max).
/// The initial supply S(0) goes to the deployer; the rest can only be minted by the one minter (the staking
/// escrow, as rewards), and burned tokens (seized collateral) leave the supply for good.
contract NkmsToken {
    string public constant name = "nkms token";
    string public constant symbol = "NKMS";
    uint8 public constant decimals = 18;

    uint256 public immutable maxSupply;
    uint256 public totalSupply;
    address public minter;
    address private immutable deployer;

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor(uint256 initialSupply, uint256 maxSupply_) {
        require(initialSupply < maxSupply_, "initial supply must be below the maximum supply");
        maxSupply = maxSupply_;
        deployer = msg.sender;
        _mint(msg.sender, initialSupply);
    }

    /// Names the contract allowed to mint rewards; once, by the deployer.
    function setMinter(address minter_) external {
        require(msg.sender == deployer, "only the deployer sets the minter");
        require(minter == address(0), "the minter is already set");
        require(minter_ != address(0), "the minter cannot be the zero address");
        minter = minter_;
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == minter, "only the minter mints");
        require(totalSupply + amount <= maxSupply, "minting would exceed the maximum supply");
        _mint(to, amount);
    }

    function burn(uint256 amount) external {
        require(balanceOf[msg.sender] >= amount, "burn exceeds balance");
        balanceOf[msg.sender] -= amount;
        totalSupply -= amount;
        emit Transfer(msg.sender, address(0), amount);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= amount, "transfer exceeds allowance");
            allowance[from][msg.sender] = allowed - amount;
        }
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) private {
        require(to != address(0), "transfer to the zero address");
        require(balanceOf[from] >= amount, "transfer exceeds balance");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }

    function _mint(address to, uint256 amount) private {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }
}
