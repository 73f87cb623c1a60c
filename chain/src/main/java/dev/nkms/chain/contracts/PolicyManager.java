package dev.nkms.chain.contracts;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
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
    public static final String BINARY = "60e060405234801561000f575f5ffd5b506040516101e83803806101e883398101604081905261002e9161009d565b620f424081106100845760405162461bcd60e51b815260206004820152601560248201527f616c706861206d7573742062652062656c6f7720310000000000000000000000604482015260640160405180910390fd5b6001600160a01b0390921660805260a05260c0526100dc565b5f5f5f606084860312156100af575f5ffd5b83516001600160a01b03811681146100c5575f5ffd5b602085015160409095015190969495509392505050565b60805160a05160c05160e76101015f395f60b801525f604201525f607b015260e75ff3fe6080604052348015600e575f5ffd5b5060043610603a575f3560e01c8063038ebbff14603e5780634cf088d91460775780634ffb63a61460b4575b5f5ffd5b60647f000000000000000000000000000000000000000000000000000000000000000081565b6040519081526020015b60405180910390f35b609d7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001606e565b60647f00000000000000000000000000000000000000000000000000000000000000008156fea164736f6c6343000825000a";

    private static String librariesLinkedBinary;

    public static final String FUNC_CHALLENGERREWARDPPM = "challengerRewardPpm";

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
