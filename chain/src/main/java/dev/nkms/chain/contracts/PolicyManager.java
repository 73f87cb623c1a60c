package dev.nkms.chain.contracts;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * <p>Auto generated code.
 * <p><strong>Do not modify!</strong>
 * <p>Please use the <a href="https://docs.web3j.io/command_line.html">web3j command line tools</a>,
 * or the org.web3j.codegen.SolidityFunctionWrapperGenerator in the 
 * <a href="https://github.com/hyperledger-web3j/web3j/tree/main/codegen">codegen module</a> to update.
 *
 * <p>Generated with web3j version 4.13.0.
 */
@SuppressWarnings("rawtypes")
public class PolicyManager extends Contract {
    public static final String BINARY = "60e060405234801561000f575f5ffd5b5060405161056438038061056483398101604081905261002e9161009d565b620f424081106100845760405162461bcd60e51b815260206004820152601560248201527f616c706861206d7573742062652062656c6f7720310000000000000000000000604482015260640160405180910390fd5b6001600160a01b0390921660805260a05260c0526100dc565b5f5f5f606084860312156100af575f5ffd5b83516001600160a01b03811681146100c5575f5ffd5b602085015160409095015190969495509392505050565b60805160a05160c0516104606101045f395f61013901525f605e01525f60ee01526104605ff3fe608060405260043610610049575f3560e01c8063038ebbff1461004d5780631b9e908414610093578063255197a5146100c85780634cf088d9146100dd5780634ffb63a614610128575b5f5ffd5b348015610058575f5ffd5b506100807f000000000000000000000000000000000000000000000000000000000000000081565b6040519081526020015b60405180910390f35b34801561009e575f5ffd5b506100806100ad366004610345565b6001600160801b0319165f9081526020819052604090205490565b6100db6100d63660046103ad565b61015b565b005b3480156100e8575f5ffd5b506101107f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161008a565b348015610133575f5ffd5b506100807f000000000000000000000000000000000000000000000000000000000000000081565b6001600160801b031987166101a65760405162461bcd60e51b815260206004820152600c60248201526b1b9bc81c1bdb1a58de481a5960a21b60448201526064015b60405180910390fd5b428667ffffffffffffffff16116102095760405162461bcd60e51b815260206004820152602160248201527f74686520706f6c696379206d75737420656e6420696e207468652066757475726044820152606560f81b606482015260840161019d565b831580159061021757508382145b6102635760405162461bcd60e51b815260206004820152601760248201527f6f6e65206b66726167206861736820706572206e6f6465000000000000000000604482015260640161019d565b8061029f5760405162461bcd60e51b815260206004820152600c60248201526b0dcde40d6caf2e640d0c2e6d60a31b604482015260640161019d565b6001600160801b031987165f90815260208190526040902054156103055760405162461bcd60e51b815260206004820152601760248201527f7468697320706f6c6963792069642069732074616b656e000000000000000000604482015260640161019d565b6001600160801b03199096165f908152602081905260409020959095555050505050565b80356001600160801b031981168114610340575f5ffd5b919050565b5f60208284031215610355575f5ffd5b61035e82610329565b9392505050565b5f5f83601f840112610375575f5ffd5b50813567ffffffffffffffff81111561038c575f5ffd5b6020830191508360208260051b85010111156103a6575f5ffd5b9250929050565b5f5f5f5f5f5f5f60a0888a0312156103c3575f5ffd5b6103cc88610329565b9650602088013567ffffffffffffffff811681146103e8575f5ffd5b9550604088013567ffffffffffffffff811115610403575f5ffd5b61040f8a828b01610365565b909650945050606088013567ffffffffffffffff81111561042e575f5ffd5b61043a8a828b01610365565b989b979a5095989497959660809095013594935050505056fea164736f6c6343000825000a";

    private static String librariesLinkedBinary;

    public static final String FUNC_CHALLENGERREWARDPPM = "challengerRewardPpm";

    public static final String FUNC_CREATEPOLICY = "createPolicy";

    public static final String FUNC_KEYSHASH = "keysHash";

    public static final String FUNC_LEAKPENALTY = "leakPenalty";

    public static final String FUNC_STAKING = "staking";

    @Deprecated
    protected PolicyManager(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected PolicyManager(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected PolicyManager(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected PolicyManager(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public RemoteFunctionCall<BigInteger> challengerRewardPpm() {
        final Function function = new Function(FUNC_CHALLENGERREWARDPPM, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<TransactionReceipt> createPolicy(byte[] hrac, BigInteger end,
            List<String> nodes, List<byte[]> kfragHashes, byte[] keysHash_, BigInteger weiValue) {
        final Function function = new Function(
                FUNC_CREATEPOLICY, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes16(hrac), 
                new org.web3j.abi.datatypes.generated.Uint64(end), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.Address>(
                        org.web3j.abi.datatypes.Address.class,
                        org.web3j.abi.Utils.typeMap(nodes, org.web3j.abi.datatypes.Address.class)), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.generated.Bytes32>(
                        org.web3j.abi.datatypes.generated.Bytes32.class,
                        org.web3j.abi.Utils.typeMap(kfragHashes, org.web3j.abi.datatypes.generated.Bytes32.class)), 
                new org.web3j.abi.datatypes.generated.Bytes32(keysHash_)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function, weiValue);
    }

    public RemoteFunctionCall<byte[]> keysHash(byte[] hrac) {
        final Function function = new Function(FUNC_KEYSHASH, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes16(hrac)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}));
        return executeRemoteCallSingleValueReturn(function, byte[].class);
    }

    public RemoteFunctionCall<BigInteger> leakPenalty() {
        final Function function = new Function(FUNC_LEAKPENALTY, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<String> staking() {
        final Function function = new Function(FUNC_STAKING, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    @Deprecated
    public static PolicyManager load(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return new PolicyManager(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static PolicyManager load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new PolicyManager(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static PolicyManager load(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return new PolicyManager(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static PolicyManager load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new PolicyManager(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<PolicyManager> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider, String staking_, BigInteger leakPenalty_,
            BigInteger challengerRewardPpm_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.generated.Uint256(leakPenalty_), 
                new org.web3j.abi.datatypes.generated.Uint256(challengerRewardPpm_)));
        return deployRemoteCall(PolicyManager.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    public static RemoteCall<PolicyManager> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider,
            String staking_, BigInteger leakPenalty_, BigInteger challengerRewardPpm_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.generated.Uint256(leakPenalty_), 
                new org.web3j.abi.datatypes.generated.Uint256(challengerRewardPpm_)));
        return deployRemoteCall(PolicyManager.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<PolicyManager> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit, String staking_, BigInteger leakPenalty_,
            BigInteger challengerRewardPpm_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.generated.Uint256(leakPenalty_), 
                new org.web3j.abi.datatypes.generated.Uint256(challengerRewardPpm_)));
        return deployRemoteCall(PolicyManager.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<PolicyManager> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit,
            String staking_, BigInteger leakPenalty_, BigInteger challengerRewardPpm_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.generated.Uint256(leakPenalty_), 
                new org.web3j.abi.datatypes.generated.Uint256(challengerRewardPpm_)));
        return deployRemoteCall(PolicyManager.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    public static void linkLibraries(List<Contract.LinkReference> references) {
        librariesLinkedBinary = linkBinaryWithReferences(BINARY, references);
    }

    private static String getDeploymentBinary() {
        if (librariesLinkedBinary != null) {
            return librariesLinkedBinary;
        } else {
            return BINARY;
        }
    }
}
