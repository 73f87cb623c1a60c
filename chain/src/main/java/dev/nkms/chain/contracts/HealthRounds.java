package dev.nkms.chain.contracts;

import io.reactivex.Flowable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple5;
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
    public static final String BINARY = "60c060405234801561000f575f5ffd5b5060405161200138038061200183398101604081905261002e916100bf565b60048110156100a95760405162461bcd60e51b815260206004820152603a60248201527f6120726f756e64206e65656473206174206c65617374203420626c6f636b732060448201527f28636f6d6d697420616e642072657665616c2068616c76657329000000000000606482015260840160405180910390fd5b6001600160a01b0390911660805260a0526100f6565b5f5f604083850312156100d0575f5ffd5b82516001600160a01b03811681146100e6575f5ffd5b6020939093015192949293505050565b60805160a051611ea561015c5f395f818160a40152818161065b01528181610cfc0152818161134c015261138101525f8181610132015281816107ab015281816109aa01528181610bae01528181610da701528181610dd701526113bf0152611ea55ff3fe608060405234801561000f575f5ffd5b506004361061009b575f3560e01c8063668a0f0211610063578063668a0f021461018157806388e01a9814610189578063d8edcffb1461019c578063e562dfd9146101af578063f2f03877146101b7575f5ffd5b8063139ca2561461009f57806332ec991c146100d9578063427f0b00146101095780634cf088d91461012d57806361d49ea81461016c575b5f5ffd5b6100c67f000000000000000000000000000000000000000000000000000000000000000081565b6040519081526020015b60405180910390f35b6100ec6100e736600461196e565b6101ca565b6040805193151584529115156020840152908201526060016100d0565b61011c61011736600461199c565b610224565b6040516100d0959493929190611a0a565b6101547f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100d0565b61017f61017a366004611a80565b610376565b005b6100c65f5481565b61017f61019736600461199c565b6105ed565b6100c66101aa36600461199c565b610c6d565b6100c6610cdd565b61017f6101c5366004611aa9565b6110bf565b5f5f5f5f6101d78661120c565b5f87815260026020526040812091925090816101f3848961126c565b815260208101919091526040015f20805460028201546001909201549015159960ff90921698509650945050505050565b5f60608060605f5f6102358761120c565b80549091506001600160401b031660028201600383016004840161025885611311565b8354604080516020808402820181019092528281529186918301828280156102a757602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610289575b505050505093508280548060200260200160405190810160405280929190818152602001828054801561030157602002820191905f5260205f20905b81546001600160a01b031681526001909101906020018083116102e3575b505050505092508180548060200260200160405190810160405280929190818152602001828054801561035b57602002820191905f5260205f20905b81546001600160a01b0316815260019091019060200180831161033d575b50505050509150955095509550955095505091939590929450565b5f6103808461120c565b9050600161038d82611311565b600381111561039e5761039e6119f6565b146103e75760405162461bcd60e51b81526020600482015260146024820152736e6f74207468652072657665616c20706861736560601b60448201526064015b60405180910390fd5b5f848152600260205260408120816103ff843361126c565b815260208101919091526040015f2080549091506104535760405162461bcd60e51b81526020600482015260116024820152701b9bdd1a1a5b99c818dbdb5b5a5d1d1959607a1b60448201526064016103de565b600281015460ff161561049b5760405162461bcd60e51b815260206004820152601060248201526f185b1c9958591e481c995d99585b195960821b60448201526064016103de565b600282015484901c156104fe5760405162461bcd60e51b815260206004820152602560248201527f766572646963742062697473206265796f6e642074686520636865636b6564206044820152646e6f64657360d81b60648201526084016103de565b805460408051602081018890523391810191909152606081018690526080810185905260a00160405160208183030381529060405280519060200120146105985760405162461bcd60e51b815260206004820152602860248201527f7468652072657665616c20646f6573206e6f74206d617463682074686520636f6044820152671b5b5a5d1b595b9d60c21b60648201526084016103de565b600181810185905560028201805460ff19169091179055604051848152339086907ff87397f8ccf18c41bfee81144299ad64e11085c5a27b280fde98beeefd3e71bd9060200160405180910390a35050505050565b5f6105f78261120c565b8054909150600160401b900460ff16156106535760405162461bcd60e51b815260206004820152601b60248201527f74686520726f756e6420697320616c726561647920636c6f736564000000000060448201526064016103de565b8054610689907f0000000000000000000000000000000000000000000000000000000000000000906001600160401b0316611add565b4310156106d05760405162461bcd60e51b81526020600482015260156024820152743a3432903937bab7321034b9903737ba1037bb32b960591b60448201526064016103de565b805468ff00000000000000001916600160401b17815560038101545f816001600160401b0381111561070457610704611af0565b60405190808252806020026020018201604052801561072d578160200160208202803683370190505b5090505f826001600160401b0381111561074957610749611af0565b604051908082528060200260200182016040528015610772578160200160208202803683370190505b5090505f5b838110156108a9575f8681526002602081815260408084208585529091529091209081015460ff166107a957506108a1565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663915106a48760040184815481106107ed576107ed611b04565b5f9182526020909120015460405160e083901b6001600160e01b03191681526001600160a01b039091166004820152602401602060405180830381865afa15801561083a573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061085e9190611b18565b84838151811061087057610870611b04565b602002602001018181525050806001015483838151811061089357610893611b04565b602002602001018181525050505b600101610777565b5060028401545f90815b81811015610a77575f80805b8881101561094a57838782815181106108da576108da611b04565b6020026020010151901c60011660010361091a5787818151811061090057610900611b04565b6020026020010151836109139190611add565b9250610942565b87818151811061092c5761092c611b04565b60200260200101518261093f9190611add565b91505b6001016108bf565b50808211801561095e57836001901b861795505b5f8a600201858154811061097457610974611b04565b5f9182526020909120015460405163f57ca31360e01b81526001600160a01b0391821660048201819052841515602483015292507f00000000000000000000000000000000000000000000000000000000000000009091169063f57ca313906044016020604051808303815f875af11580156109f2573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610a169190611b18565b50604080518315158152602081018690529081018490526001600160a01b038216908d907f4ce9a9441a2384d43f62ebcddc30ed6d229c0a3a10ae074771b7a755d326bbb39060600160405180910390a35050600190920191506108b39050565b50600186018290555f856001600160401b03811115610a9857610a98611af0565b604051908082528060200260200182016040528015610ac1578160200160208202803683370190505b5090505f805b87811015610b85575f8a8152600260208181526040808420858552909152909120015460ff168015610b11575084868281518110610b0757610b07611b04565b6020026020010151145b15610b7d57886004018181548110610b2b57610b2b611b04565b5f918252602090912001546001600160a01b03168383610b4a81611b2f565b945081518110610b5c57610b5c611b04565b60200260200101906001600160a01b031690816001600160a01b0316815250505b600101610ac7565b508082525f5f8211610b97575f610c23565b60405163f428516f60e01b81526001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063f428516f90610be3908690600401611b47565b6020604051808303815f875af1158015610bff573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610c239190611b18565b9050897fd53ee2f0a95c64359ba71b9893688c22c5eb348a8c0ed6f8f9a6f2aae46d2e67868584604051610c5993929190611b59565b60405180910390a250505050505050505050565b5f5f610c788361120c565b8054909150600160401b900460ff16610cd35760405162461bcd60e51b815260206004820152601760248201527f74686520726f756e64206973206e6f7420636c6f73656400000000000000000060448201526064016103de565b6001015492915050565b5f8054801580610d2e57505f81815260016020526040902054610d2a907f0000000000000000000000000000000000000000000000000000000000000000906001600160401b0316611add565b4310155b610d935760405162461bcd60e51b815260206004820152603060248201527f7468652070726576696f757320726f756e64206f70656e6564206c657373207460448201526f68616e206820626c6f636b732061676f60801b60648201526084016103de565b5f610d9f600143611b81565b4090505f5f5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663b221e5fd5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316637c6f31586040518163ffffffff1660e01b8152600401602060405180830381865afa158015610e31573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610e559190611b18565b6040516001600160e01b031960e085901b168152600481019290925260248201526044015f60405180830381865afa158015610e93573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f19168201604052610eba9190810190611cc8565b509250925092505f5f610ece8685856113b9565b9092509050610ede876001611add565b5f818155818152600160205260408120805467ffffffffffffffff1916436001600160401b03161781559199505b8351811015610f8e578160020186858381518110610f2c57610f2c611b04565b602002602001015163ffffffff1681518110610f4a57610f4a611b04565b6020908102919091018101518254600180820185555f9485529290932090920180546001600160a01b0319166001600160a01b039093169290921790915501610f0c565b505f5b825181101561106f575f838281518110610fad57610fad611b04565b602002602001015163ffffffff16905082600301878281518110610fd357610fd3611b04565b60209081029190910181015182546001810184555f938452919092200180546001600160a01b0319166001600160a01b039092169190911790558751600484019089908390811061102657611026611b04565b6020908102919091018101518254600180820185555f9485529290932090920180546001600160a01b0319166001600160a01b0390931692909217909155919091019050610f91565b50887f3454c0fd82366225532c12c6b869dd0ffae7a56ef494c13734a57a6a04a92ac6438984600201856003016040516110ac9493929190611e12565b60405180910390a2505050505050505090565b5f6110c98361120c565b90505f6110d582611311565b60038111156110e6576110e66119f6565b1461112a5760405162461bcd60e51b81526020600482015260146024820152736e6f742074686520636f6d6d697420706861736560601b60448201526064016103de565b8161116a5760405162461bcd60e51b815260206004820152601060248201526f195b5c1d1e4818dbdb5b5a5d1b595b9d60821b60448201526064016103de565b5f83815260026020526040812081611182843361126c565b815260208101919091526040015f208054909150156111d75760405162461bcd60e51b8152602060048201526011602482015270185b1c9958591e4818dbdb5b5a5d1d1959607a1b60448201526064016103de565b828155604051339085907f452c97fab23345463f6fbb454d3bf4f408941c88abe2e79586032f5c8f9711fb905f90a350505050565b5f6001821015801561121f57505f548211155b61125b5760405162461bcd60e51b815260206004820152600d60248201526c1b9bc81cdd58da081c9bdd5b99609a1b60448201526064016103de565b505f90815260016020526040902090565b5f60048301815b81548110156112c257836001600160a01b031682828154811061129857611298611b04565b5f918252602090912001546001600160a01b0316036112ba57915061130b9050565b600101611273565b5060405162461bcd60e51b815260206004820152601e60248201527f6f6e6c792074686520726f756e64277320636865636b65727320766f7465000060448201526064016103de565b92915050565b80545f90600160401b900460ff161561132c57506003919050565b81545f90611343906001600160401b031643611b81565b905061137060027f0000000000000000000000000000000000000000000000000000000000000000611e4d565b81101561137f57505f92915050565b7f00000000000000000000000000000000000000000000000000000000000000008110156113b05750600192915050565b50600292915050565b6060805f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663ec5ffac26040518163ffffffff1660e01b8152600401602060405180830381865afa158015611419573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061143d9190611b18565b855190915086905f906001600160401b0381111561145d5761145d611af0565b604051908082528060200260200182016040528015611486578160200160208202803683370190505b5090505f805b885181101561150b57848882815181106114a8576114a8611b04565b602002602001015110611503576114d98982815181106114ca576114ca611b04565b602002602001015185836116f9565b83836114e481611b2f565b9450815181106114f6576114f6611b04565b6020026020010181815250505b60010161148c565b5060028110156115505760405162461bcd60e51b815260206004820152601060248201526f6e6f7420656e6f756768206e6f64657360801b60448201526064016103de565b60015b8161155e8280611e6c565b1015611576578061156e81611b2f565b915050611553565b6101008111156115c85760405162461bcd60e51b815260206004820152601c60248201527f746f6f206d616e79206e6f64657320666f72206f6e6520726f756e640000000060448201526064016103de565b6115d38383836117c2565b96505f876115e2600184611b81565b815181106115f2576115f2611b04565b602002602001015190508a60405160200161160f91815260200190565b60408051601f19818403018152919052805160209091012094505f805b848110156116cf578286828151811061164757611647611b04565b602002602001015111156116c7575f86828151811061166857611668611b04565b602002602001015163ffffffff16905061169c8d828151811061168d5761168d611b04565b602002602001015189836116f9565b87846116a781611b2f565b9550815181106116b9576116b9611b04565b602002602001018181525050505b60010161162c565b506116e885828584106116e257856117c2565b836117c2565b975050505050505050935093915050565b602083901b640100000000600160c01b031660ff60c01b7f01010101010101010101010101010101010101010101010101010101010101017f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f7f3333333333333333333333333333333333333333333333333333333333333333868818600181901c735555555555555555555555555555555555555555166001600160a01b039091160381811660029190911c9190911601600481901c01160260381c161781175b9392505050565b6060816001600160401b038111156117dc576117dc611af0565b604051908082528060200260200182016040528015611805578160200160208202803683370190505b50905081156117bb575f805b8481101561194e575f86828151811061182c5761182c611b04565b60200260200101519050848314801561186857508361184c600187611b81565b8151811061185c5761185c611b04565b60200260200101518110155b156118735750611946565b5f85841061188b57611886600187611b81565b611898565b8361189581611b2f565b94505b90505b5f811180156118cc575081856118b2600184611b81565b815181106118c2576118c2611b04565b6020026020010151115b1561192457846118dd600183611b81565b815181106118ed576118ed611b04565b602002602001015185828151811061190757611907611b04565b60209081029190910101528061191c81611e83565b91505061189b565b8185828151811061193757611937611b04565b60200260200101818152505050505b600101611811565b50509392505050565b6001600160a01b038116811461196b575f5ffd5b50565b5f5f6040838503121561197f575f5ffd5b82359150602083013561199181611957565b809150509250929050565b5f602082840312156119ac575f5ffd5b5035919050565b5f8151808452602084019350602083015f5b828110156119ec5781516001600160a01b03168652602095860195909101906001016119c5565b5093949350505050565b634e487b7160e01b5f52602160045260245ffd5b6001600160401b038616815260a060208201525f611a2b60a08301876119b3565b8281036040840152611a3d81876119b3565b90508281036060840152611a5181866119b3565b91505060048310611a7057634e487b7160e01b5f52602160045260245ffd5b8260808301529695505050505050565b5f5f5f60608486031215611a92575f5ffd5b505081359360208301359350604090920135919050565b5f5f60408385031215611aba575f5ffd5b50508035926020909101359150565b634e487b7160e01b5f52601160045260245ffd5b8082018082111561130b5761130b611ac9565b634e487b7160e01b5f52604160045260245ffd5b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215611b28575f5ffd5b5051919050565b5f60018201611b4057611b40611ac9565b5060010190565b602081525f6117bb60208301846119b3565b838152606060208201525f611b7160608301856119b3565b9050826040830152949350505050565b8181038181111561130b5761130b611ac9565b604051601f8201601f191681016001600160401b0381118282101715611bbc57611bbc611af0565b604052919050565b5f6001600160401b03821115611bdc57611bdc611af0565b5060051b60200190565b5f82601f830112611bf5575f5ffd5b8151611c08611c0382611bc4565b611b94565b8082825260208201915060208360051b860101925085831115611c29575f5ffd5b602085015b83811015611c4f578051611c4181611957565b835260209283019201611c2e565b5095945050505050565b5f82601f830112611c68575f5ffd5b8151611c76611c0382611bc4565b8082825260208201915060208360051b860101925085831115611c97575f5ffd5b602085015b83811015611c4f5780516001600160401b0381168114611cba575f5ffd5b835260209283019201611c9c565b5f5f5f5f60808587031215611cdb575f5ffd5b84516001600160401b03811115611cf0575f5ffd5b611cfc87828801611be6565b94505060208501516001600160401b03811115611d17575f5ffd5b611d2387828801611be6565b93505060408501516001600160401b03811115611d3e575f5ffd5b8501601f81018713611d4e575f5ffd5b8051611d5c611c0382611bc4565b8082825260208201915060208360051b850101925089831115611d7d575f5ffd5b6020840193505b82841015611d9f578351825260209384019390910190611d84565b8095505050505060608501516001600160401b03811115611dbe575f5ffd5b611dca87828801611c59565b91505092959194509250565b5f8154808452602084019350825f5260205f205f5b828110156119ec5781546001600160a01b0316865260209095019460019182019101611deb565b848152836020820152608060408201525f611e306080830185611dd6565b8281036060840152611e428185611dd6565b979650505050505050565b5f82611e6757634e487b7160e01b5f52601260045260245ffd5b500490565b808202811582820484141761130b5761130b611ac9565b5f81611e9157611e91611ac9565b505f19019056fea164736f6c6343000825000a";

    private static String librariesLinkedBinary;

    public static final String FUNC_BALLOTOF = "ballotOf";

    public static final String FUNC_CLOSEROUND = "closeRound";

    public static final String FUNC_COMMIT = "commit";

    public static final String FUNC_LATESTROUND = "latestRound";

    public static final String FUNC_OPENROUND = "openRound";

    public static final String FUNC_REVEAL = "reveal";

    public static final String FUNC_ROUNDBLOCKS = "roundBlocks";

    public static final String FUNC_ROUNDINFO = "roundInfo";

    public static final String FUNC_STAKING = "staking";

    public static final String FUNC_VERDICTSOF = "verdictsOf";

    public static final Event COMMITTED_EVENT = new Event("Committed", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>(true) {}, new TypeReference<Address>(true) {}));
    ;

    public static final Event REVEALED_EVENT = new Event("Revealed", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
    ;

    public static final Event ROUNDCLOSED_EVENT = new Event("RoundClosed", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>(true) {}, new TypeReference<Uint256>() {}, new TypeReference<DynamicArray<Address>>() {}, new TypeReference<Uint256>() {}));
    ;

    public static final Event ROUNDOPENED_EVENT = new Event("RoundOpened", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>(true) {}, new TypeReference<Uint256>() {}, new TypeReference<Bytes32>() {}, new TypeReference<DynamicArray<Address>>() {}, new TypeReference<DynamicArray<Address>>() {}));
    ;

    public static final Event VERDICT_EVENT = new Event("Verdict", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Bool>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}));
    ;

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

    public static List<CommittedEventResponse> getCommittedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(COMMITTED_EVENT, transactionReceipt);
        ArrayList<CommittedEventResponse> responses = new ArrayList<CommittedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            CommittedEventResponse typedResponse = new CommittedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.operator = (String) eventValues.getIndexedValues().get(1).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static CommittedEventResponse getCommittedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(COMMITTED_EVENT, log);
        CommittedEventResponse typedResponse = new CommittedEventResponse();
        typedResponse.log = log;
        typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.operator = (String) eventValues.getIndexedValues().get(1).getValue();
        return typedResponse;
    }

    public Flowable<CommittedEventResponse> committedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getCommittedEventFromLog(log));
    }

    public Flowable<CommittedEventResponse> committedEventFlowable(DefaultBlockParameter startBlock,
            DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(COMMITTED_EVENT));
        return committedEventFlowable(filter);
    }

    public static List<RevealedEventResponse> getRevealedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(REVEALED_EVENT, transactionReceipt);
        ArrayList<RevealedEventResponse> responses = new ArrayList<RevealedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            RevealedEventResponse typedResponse = new RevealedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.operator = (String) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.verdicts = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static RevealedEventResponse getRevealedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(REVEALED_EVENT, log);
        RevealedEventResponse typedResponse = new RevealedEventResponse();
        typedResponse.log = log;
        typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.operator = (String) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.verdicts = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        return typedResponse;
    }

    public Flowable<RevealedEventResponse> revealedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getRevealedEventFromLog(log));
    }

    public Flowable<RevealedEventResponse> revealedEventFlowable(DefaultBlockParameter startBlock,
            DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(REVEALED_EVENT));
        return revealedEventFlowable(filter);
    }

    public static List<RoundClosedEventResponse> getRoundClosedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(ROUNDCLOSED_EVENT, transactionReceipt);
        ArrayList<RoundClosedEventResponse> responses = new ArrayList<RoundClosedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            RoundClosedEventResponse typedResponse = new RoundClosedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.unhealthy = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.paidOperators = (List<String>) ((Array) eventValues.getNonIndexedValues().get(1)).getNativeValueCopy();
            typedResponse.paid = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static RoundClosedEventResponse getRoundClosedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(ROUNDCLOSED_EVENT, log);
        RoundClosedEventResponse typedResponse = new RoundClosedEventResponse();
        typedResponse.log = log;
        typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.unhealthy = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.paidOperators = (List<String>) ((Array) eventValues.getNonIndexedValues().get(1)).getNativeValueCopy();
        typedResponse.paid = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
        return typedResponse;
    }

    public Flowable<RoundClosedEventResponse> roundClosedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getRoundClosedEventFromLog(log));
    }

    public Flowable<RoundClosedEventResponse> roundClosedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(ROUNDCLOSED_EVENT));
        return roundClosedEventFlowable(filter);
    }

    public static List<RoundOpenedEventResponse> getRoundOpenedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(ROUNDOPENED_EVENT, transactionReceipt);
        ArrayList<RoundOpenedEventResponse> responses = new ArrayList<RoundOpenedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            RoundOpenedEventResponse typedResponse = new RoundOpenedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.openBlock = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.seed = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.checked = (List<String>) ((Array) eventValues.getNonIndexedValues().get(2)).getNativeValueCopy();
            typedResponse.checkers = (List<String>) ((Array) eventValues.getNonIndexedValues().get(3)).getNativeValueCopy();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static RoundOpenedEventResponse getRoundOpenedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(ROUNDOPENED_EVENT, log);
        RoundOpenedEventResponse typedResponse = new RoundOpenedEventResponse();
        typedResponse.log = log;
        typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.openBlock = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.seed = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.checked = (List<String>) ((Array) eventValues.getNonIndexedValues().get(2)).getNativeValueCopy();
        typedResponse.checkers = (List<String>) ((Array) eventValues.getNonIndexedValues().get(3)).getNativeValueCopy();
        return typedResponse;
    }

    public Flowable<RoundOpenedEventResponse> roundOpenedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getRoundOpenedEventFromLog(log));
    }

    public Flowable<RoundOpenedEventResponse> roundOpenedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(ROUNDOPENED_EVENT));
        return roundOpenedEventFlowable(filter);
    }

    public static List<VerdictEventResponse> getVerdictEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(VERDICT_EVENT, transactionReceipt);
        ArrayList<VerdictEventResponse> responses = new ArrayList<VerdictEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            VerdictEventResponse typedResponse = new VerdictEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.node = (String) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.unhealthy = (Boolean) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.weightUnhealthy = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.weightHealthy = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static VerdictEventResponse getVerdictEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(VERDICT_EVENT, log);
        VerdictEventResponse typedResponse = new VerdictEventResponse();
        typedResponse.log = log;
        typedResponse.round = (BigInteger) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.node = (String) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.unhealthy = (Boolean) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.weightUnhealthy = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.weightHealthy = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
        return typedResponse;
    }

    public Flowable<VerdictEventResponse> verdictEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getVerdictEventFromLog(log));
    }

    public Flowable<VerdictEventResponse> verdictEventFlowable(DefaultBlockParameter startBlock,
            DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(VERDICT_EVENT));
        return verdictEventFlowable(filter);
    }

    public RemoteFunctionCall<Tuple3<Boolean, Boolean, BigInteger>> ballotOf(BigInteger round,
            String operator) {
        final Function function = new Function(FUNC_BALLOTOF, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(round), 
                new org.web3j.abi.datatypes.Address(160, operator)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bool>() {}, new TypeReference<Bool>() {}, new TypeReference<Uint256>() {}));
        return new RemoteFunctionCall<Tuple3<Boolean, Boolean, BigInteger>>(function,
                new Callable<Tuple3<Boolean, Boolean, BigInteger>>() {
                    @Override
                    public Tuple3<Boolean, Boolean, BigInteger> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple3<Boolean, Boolean, BigInteger>(
                                (Boolean) results.get(0).getValue(), 
                                (Boolean) results.get(1).getValue(), 
                                (BigInteger) results.get(2).getValue());
                    }
                });
    }

    public RemoteFunctionCall<TransactionReceipt> closeRound(BigInteger round) {
        final Function function = new Function(
                FUNC_CLOSEROUND, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(round)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<TransactionReceipt> commit(BigInteger round, byte[] commitment) {
        final Function function = new Function(
                FUNC_COMMIT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(round), 
                new org.web3j.abi.datatypes.generated.Bytes32(commitment)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<BigInteger> latestRound() {
        final Function function = new Function(FUNC_LATESTROUND, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<TransactionReceipt> openRound() {
        final Function function = new Function(
                FUNC_OPENROUND, 
                Arrays.<Type>asList(), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<TransactionReceipt> reveal(BigInteger round, BigInteger verdicts,
            byte[] salt) {
        final Function function = new Function(
                FUNC_REVEAL, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(round), 
                new org.web3j.abi.datatypes.generated.Uint256(verdicts), 
                new org.web3j.abi.datatypes.generated.Bytes32(salt)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<BigInteger> roundBlocks() {
        final Function function = new Function(FUNC_ROUNDBLOCKS, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<Tuple5<BigInteger, List<String>, List<String>, List<String>, BigInteger>> roundInfo(
            BigInteger round) {
        final Function function = new Function(FUNC_ROUNDINFO, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(round)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint64>() {}, new TypeReference<DynamicArray<Address>>() {}, new TypeReference<DynamicArray<Address>>() {}, new TypeReference<DynamicArray<Address>>() {}, new TypeReference<Uint8>() {}));
        return new RemoteFunctionCall<Tuple5<BigInteger, List<String>, List<String>, List<String>, BigInteger>>(function,
                new Callable<Tuple5<BigInteger, List<String>, List<String>, List<String>, BigInteger>>() {
                    @Override
                    public Tuple5<BigInteger, List<String>, List<String>, List<String>, BigInteger> call(
                            ) throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple5<BigInteger, List<String>, List<String>, List<String>, BigInteger>(
                                (BigInteger) results.get(0).getValue(), 
                                convertToNative((List<Address>) results.get(1).getValue()), 
                                convertToNative((List<Address>) results.get(2).getValue()), 
                                convertToNative((List<Address>) results.get(3).getValue()), 
                                (BigInteger) results.get(4).getValue());
                    }
                });
    }

    public RemoteFunctionCall<String> staking() {
        final Function function = new Function(FUNC_STAKING, 
                Arrays.<Type>asList(), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}));
        return executeRemoteCallSingleValueReturn(function, String.class);
    }

    public RemoteFunctionCall<BigInteger> verdictsOf(BigInteger round) {
        final Function function = new Function(FUNC_VERDICTSOF, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(round)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
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

    public static class CommittedEventResponse extends BaseEventResponse {
        public BigInteger round;

        public String operator;
    }

    public static class RevealedEventResponse extends BaseEventResponse {
        public BigInteger round;

        public String operator;

        public BigInteger verdicts;
    }

    public static class RoundClosedEventResponse extends BaseEventResponse {
        public BigInteger round;

        public BigInteger unhealthy;

        public List<String> paidOperators;

        public BigInteger paid;
    }

    public static class RoundOpenedEventResponse extends BaseEventResponse {
        public BigInteger round;

        public BigInteger openBlock;

        public byte[] seed;

        public List<String> checked;

        public List<String> checkers;
    }

    public static class VerdictEventResponse extends BaseEventResponse {
        public BigInteger round;

        public String node;

        public Boolean unhealthy;

        public BigInteger weightUnhealthy;

        public BigInteger weightHealthy;
    }
}
