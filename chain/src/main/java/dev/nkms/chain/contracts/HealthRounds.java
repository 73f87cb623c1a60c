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
public class HealthRounds extends Contract {
    public static final String BINARY = "60c060405234801561000f575f5ffd5b506040516101ca3803806101ca83398101604081905261002e916100bf565b60048110156100a95760405162461bcd60e51b815260206004820152603a60248201527f6120726f756e64206e65656473206174206c65617374203420626c6f636b732060448201527f28636f6d6d697420616e642072657665616c2068616c76657329000000000000606482015260840160405180910390fd5b6001600160a01b0390911660805260a0526100f6565b5f5f604083850312156100d0575f5ffd5b82516001600160a01b03811681146100e6575f5ffd5b6020939093015192949293505050565b60805160a05160b76101135f395f603801525f6071015260b75ff3fe6080604052348015600e575f5ffd5b50600436106030575f3560e01c8063139ca2561460345780634cf088d914606d575b5f5ffd5b605a7f000000000000000000000000000000000000000000000000000000000000000081565b6040519081526020015b60405180910390f35b60937f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001606456fea164736f6c6343000825000a";

    private static String librariesLinkedBinary;

    public static final String FUNC_ROUNDBLOCKS = "roundBlocks";

    public static final String FUNC_STAKING = "staking";

    @Deprecated
    protected HealthRounds(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected HealthRounds(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected HealthRounds(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected HealthRounds(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public RemoteFunctionCall<BigInteger> roundBlocks() {
        final Function function = new Function(FUNC_ROUNDBLOCKS, 
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
    public static HealthRounds load(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return new HealthRounds(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static HealthRounds load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new HealthRounds(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static HealthRounds load(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return new HealthRounds(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static HealthRounds load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new HealthRounds(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<HealthRounds> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider, String staking_, BigInteger roundBlocks_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.generated.Uint256(roundBlocks_)));
        return deployRemoteCall(HealthRounds.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    public static RemoteCall<HealthRounds> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider,
            String staking_, BigInteger roundBlocks_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.generated.Uint256(roundBlocks_)));
        return deployRemoteCall(HealthRounds.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<HealthRounds> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit, String staking_, BigInteger roundBlocks_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.generated.Uint256(roundBlocks_)));
        return deployRemoteCall(HealthRounds.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
    }

    @Deprecated
    public static RemoteCall<HealthRounds> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit,
            String staking_, BigInteger roundBlocks_) {
        String encodedConstructor = FunctionEncoder.encodeConstructor(Arrays.<Type>asList(new org.web3j.abi.datatypes.Address(160, staking_), 
                new org.web3j.abi.datatypes.generated.Uint256(roundBlocks_)));
        return deployRemoteCall(HealthRounds.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), encodedConstructor);
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
