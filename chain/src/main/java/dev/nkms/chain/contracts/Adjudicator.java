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
public class Adjudicator extends Contract {
    public static final String BINARY = "610100604052348015610010575f5ffd5b5060405161026738038061026783398101604081905261002f916100d1565b620f42408111156100975760405162461bcd60e51b815260206004820152602860248201527f74686520696e76657374696761746f722773207368617265206973206174206d6044820152676f7374203130302560c01b606482015260840160405180910390fd5b6001600160a01b039384166080529190921660a05260c09190915260e052610116565b6001600160a01b03811681146100ce575f5ffd5b50565b5f5f5f5f608085870312156100e4575f5ffd5b84516100ef816100ba565b6020860151909450610100816100ba565b6040860151606090960151949790965092505050565b60805160a05160c05160e0516101226101455f395f60cc01525f605301525f60f301525f608d01526101225ff3fe608060405234801561000f575f5ffd5b506004361061004a575f3560e01c80630edd2ffc1461004e5780634cf088d91461008857806366b201b7146100c7578063702e7e1f146100ee575b5f5ffd5b6100757f000000000000000000000000000000000000000000000000000000000000000081565b6040519081526020015b60405180910390f35b6100af7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161007f565b6100757f000000000000000000000000000000000000000000000000000000000000000081565b6100af7f00000000000000000000000000000000000000000000000000000000000000008156fea164736f6c6343000825000a";

    private static String librariesLinkedBinary;

    public static final String FUNC_INVESTIGATORREWARDPPM = "investigatorRewardPpm";

    public static final String FUNC_PENALTY = "penalty";

    public static final String FUNC_POLICIES = "policies";

    public static final String FUNC_STAKING = "staking";

    @Deprecated
    protected Adjudicator(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected Adjudicator(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected Adjudicator(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected Adjudicator(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public RemoteFunctionCall<BigInteger> investigatorRewardPpm() {
        final Function function = new Function(FUNC_INVESTIGATORREWARDPPM, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<BigInteger> penalty() {
        final Function function = new Function(FUNC_PENALTY, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<String> policies() {
        final Function function = new Function(FUNC_POLICIES, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    public RemoteFunctionCall<String> staking() {
        final Function function = new Function(FUNC_STAKING, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    @Deprecated
    public static Adjudicator load(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return new Adjudicator(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static Adjudicator load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new Adjudicator(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static Adjudicator load(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return new Adjudicator(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static Adjudicator load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new Adjudicator(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<Adjudicator> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider, String staking_, String policies_,
            BigInteger penalty_, BigInteger investigatorRewardPpm_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.Address(160, policies_), 
                new org.web3j.abi.datatypes.generated.Uint256(penalty_), 
                new org.web3j.abi.datatypes.generated.Uint256(investigatorRewardPpm_)));
        return deployRemoteCall(Adjudicator.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    public static RemoteCall<Adjudicator> deploy(Web3j web3j, TransactionManager transactionManager,
            ContractGasProvider contractGasProvider, String staking_, String policies_,
            BigInteger penalty_, BigInteger investigatorRewardPpm_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.Address(160, policies_), 
                new org.web3j.abi.datatypes.generated.Uint256(penalty_), 
                new org.web3j.abi.datatypes.generated.Uint256(investigatorRewardPpm_)));
        return deployRemoteCall(Adjudicator.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<Adjudicator> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit, String staking_, String policies_,
            BigInteger penalty_, BigInteger investigatorRewardPpm_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.Address(160, policies_), 
                new org.web3j.abi.datatypes.generated.Uint256(penalty_), 
                new org.web3j.abi.datatypes.generated.Uint256(investigatorRewardPpm_)));
        return deployRemoteCall(Adjudicator.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<Adjudicator> deploy(Web3j web3j, TransactionManager transactionManager,
            BigInteger gasPrice, BigInteger gasLimit, String staking_, String policies_,
            BigInteger penalty_, BigInteger investigatorRewardPpm_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.Address(160, policies_), 
                new org.web3j.abi.datatypes.generated.Uint256(penalty_), 
                new org.web3j.abi.datatypes.generated.Uint256(investigatorRewardPpm_)));
        return deployRemoteCall(Adjudicator.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
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
