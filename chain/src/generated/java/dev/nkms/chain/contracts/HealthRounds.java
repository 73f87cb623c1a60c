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
    public static final String BINARY = "60c060405234801561000f575f5ffd5b506040516121ea3803806121ea83398101604081905261002e916100bf565b60048110156100a95760405162461bcd60e51b815260206004820152603a60248201527f6120726f756e64206e65656473206174206c65617374203420626c6f636b732060448201527f28636f6d6d697420616e642072657665616c2068616c76657329000000000000606482015260840160405180910390fd5b6001600160a01b0390911660805260a0526100f6565b5f5f604083850312156100d0575f5ffd5b82516001600160a01b03811681146100e6575f5ffd5b6020939093015192949293505050565b60805160a0516120796101715f395f818160a40152818161077e01528181610e1f01528181611505015261153a01525f8181610132015281816102120152818161048b015281816108ce01528181610acd01528181610cd101528181610eca01528181610efa015281816112a4015261157801526120795ff3fe608060405234801561000f575f5ffd5b506004361061009b575f3560e01c8063668a0f0211610063578063668a0f021461018157806388e01a9814610189578063d8edcffb1461019c578063e562dfd9146101af578063f2f03877146101b7575f5ffd5b8063139ca2561461009f57806332ec991c146100d9578063427f0b00146101095780634cf088d91461012d57806361d49ea81461016c575b5f5ffd5b6100c67f000000000000000000000000000000000000000000000000000000000000000081565b6040519081526020015b60405180910390f35b6100ec6100e7366004611b27565b6101ca565b6040805193151584529115156020840152908201526060016100d0565b61011c610117366004611b55565b6102b1565b6040516100d0959493929190611bc3565b6101547f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100d0565b61017f61017a366004611c39565b610403565b005b6100c65f5481565b61017f610197366004611b55565b610710565b6100c66101aa366004611b55565b610d90565b6100c6610e00565b61017f6101c5366004611c62565b6111e2565b5f5f5f5f6101d7866113c5565b5f8781526002602052604080822090516359fa205d60e11b81526001600160a01b0389811660048301529394509192909183916102809186917f0000000000000000000000000000000000000000000000000000000000000000169063b3f440ba90602401602060405180830381865afa158015610257573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061027b9190611c82565b611425565b815260208101919091526040015f20805460028201546001909201549015159960ff90921698509650945050505050565b5f60608060605f5f6102c2876113c5565b80549091506001600160401b03166002820160038301600484016102e5856114ca565b83546040805160208084028201810190925282815291869183018282801561033457602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610316575b505050505093508280548060200260200160405190810160405280929190818152602001828054801561038e57602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610370575b50505050509250818054806020026020016040519081016040528092919081815260200182805480156103e857602002820191905f5260205f20905b81546001600160a01b031681526001909101906020018083116103ca575b50505050509150955095509550955095505091939590929450565b5f61040d846113c5565b9050600161041a826114ca565b600381111561042b5761042b611baf565b146104745760405162461bcd60e51b81526020600482015260146024820152736e6f74207468652072657665616c20706861736560601b60448201526064015b60405180910390fd5b6040516359fa205d60e11b81523360048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063b3f440ba90602401602060405180830381865afa1580156104d8573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104fc9190611c82565b5f86815260026020526040812091925090816105188585611425565b815260208101919091526040015f20805490915061056c5760405162461bcd60e51b81526020600482015260116024820152701b9bdd1a1a5b99c818dbdb5b5a5d1d1959607a1b604482015260640161046b565b600281015460ff16156105b45760405162461bcd60e51b815260206004820152601060248201526f185b1c9958591e481c995d99585b195960821b604482015260640161046b565b600283015485901c156106175760405162461bcd60e51b815260206004820152602560248201527f766572646963742062697473206265796f6e642074686520636865636b6564206044820152646e6f64657360d81b606482015260840161046b565b805460408051602081018990523391810191909152606081018790526080810186905260a00160405160208183030381529060405280519060200120146106b15760405162461bcd60e51b815260206004820152602860248201527f7468652072657665616c20646f6573206e6f74206d617463682074686520636f6044820152671b5b5a5d1b595b9d60c21b606482015260840161046b565b600181810186905560028201805460ff191690911790556040518581526001600160a01b0383169087907ff87397f8ccf18c41bfee81144299ad64e11085c5a27b280fde98beeefd3e71bd9060200160405180910390a3505050505050565b5f61071a826113c5565b8054909150600160401b900460ff16156107765760405162461bcd60e51b815260206004820152601b60248201527f74686520726f756e6420697320616c726561647920636c6f7365640000000000604482015260640161046b565b80546107ac907f0000000000000000000000000000000000000000000000000000000000000000906001600160401b0316611cb1565b4310156107f35760405162461bcd60e51b81526020600482015260156024820152743a3432903937bab7321034b9903737ba1037bb32b960591b604482015260640161046b565b805468ff00000000000000001916600160401b17815560038101545f816001600160401b0381111561082757610827611cc4565b604051908082528060200260200182016040528015610850578160200160208202803683370190505b5090505f826001600160401b0381111561086c5761086c611cc4565b604051908082528060200260200182016040528015610895578160200160208202803683370190505b5090505f5b838110156109cc575f8681526002602081815260408084208585529091529091209081015460ff166108cc57506109c4565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663915106a487600401848154811061091057610910611cd8565b5f9182526020909120015460405160e083901b6001600160e01b03191681526001600160a01b039091166004820152602401602060405180830381865afa15801561095d573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906109819190611cec565b84838151811061099357610993611cd8565b60200260200101818152505080600101548383815181106109b6576109b6611cd8565b602002602001018181525050505b60010161089a565b5060028401545f90815b81811015610b9a575f80805b88811015610a6d57838782815181106109fd576109fd611cd8565b6020026020010151901c600116600103610a3d57878181518110610a2357610a23611cd8565b602002602001015183610a369190611cb1565b9250610a65565b878181518110610a4f57610a4f611cd8565b602002602001015182610a629190611cb1565b91505b6001016109e2565b508082118015610a8157836001901b861795505b5f8a6002018581548110610a9757610a97611cd8565b5f9182526020909120015460405163f57ca31360e01b81526001600160a01b0391821660048201819052841515602483015292507f00000000000000000000000000000000000000000000000000000000000000009091169063f57ca313906044016020604051808303815f875af1158015610b15573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610b399190611cec565b50604080518315158152602081018690529081018490526001600160a01b038216908d907f4ce9a9441a2384d43f62ebcddc30ed6d229c0a3a10ae074771b7a755d326bbb39060600160405180910390a35050600190920191506109d69050565b50600186018290555f856001600160401b03811115610bbb57610bbb611cc4565b604051908082528060200260200182016040528015610be4578160200160208202803683370190505b5090505f805b87811015610ca8575f8a8152600260208181526040808420858552909152909120015460ff168015610c34575084868281518110610c2a57610c2a611cd8565b6020026020010151145b15610ca057886004018181548110610c4e57610c4e611cd8565b5f918252602090912001546001600160a01b03168383610c6d81611d03565b945081518110610c7f57610c7f611cd8565b60200260200101906001600160a01b031690816001600160a01b0316815250505b600101610bea565b508082525f5f8211610cba575f610d46565b60405163f428516f60e01b81526001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063f428516f90610d06908690600401611d1b565b6020604051808303815f875af1158015610d22573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610d469190611cec565b9050897fd53ee2f0a95c64359ba71b9893688c22c5eb348a8c0ed6f8f9a6f2aae46d2e67868584604051610d7c93929190611d2d565b60405180910390a250505050505050505050565b5f5f610d9b836113c5565b8054909150600160401b900460ff16610df65760405162461bcd60e51b815260206004820152601760248201527f74686520726f756e64206973206e6f7420636c6f736564000000000000000000604482015260640161046b565b6001015492915050565b5f8054801580610e5157505f81815260016020526040902054610e4d907f0000000000000000000000000000000000000000000000000000000000000000906001600160401b0316611cb1565b4310155b610eb65760405162461bcd60e51b815260206004820152603060248201527f7468652070726576696f757320726f756e64206f70656e6564206c657373207460448201526f68616e206820626c6f636b732061676f60801b606482015260840161046b565b5f610ec2600143611d55565b4090505f5f5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663b221e5fd5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316637c6f31586040518163ffffffff1660e01b8152600401602060405180830381865afa158015610f54573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610f789190611cec565b6040516001600160e01b031960e085901b168152600481019290925260248201526044015f60405180830381865afa158015610fb6573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f19168201604052610fdd9190810190611e9c565b509250925092505f5f610ff1868585611572565b9092509050611001876001611cb1565b5f818155818152600160205260408120805467ffffffffffffffff1916436001600160401b03161781559199505b83518110156110b157816002018685838151811061104f5761104f611cd8565b602002602001015163ffffffff168151811061106d5761106d611cd8565b6020908102919091018101518254600180820185555f9485529290932090920180546001600160a01b0319166001600160a01b03909316929092179091550161102f565b505f5b8251811015611192575f8382815181106110d0576110d0611cd8565b602002602001015163ffffffff169050826003018782815181106110f6576110f6611cd8565b60209081029190910181015182546001810184555f938452919092200180546001600160a01b0319166001600160a01b039092169190911790558751600484019089908390811061114957611149611cd8565b6020908102919091018101518254600180820185555f9485529290932090920180546001600160a01b0319166001600160a01b03909316929092179091559190910190506110b4565b50887f3454c0fd82366225532c12c6b869dd0ffae7a56ef494c13734a57a6a04a92ac6438984600201856003016040516111cf9493929190611fe6565b60405180910390a2505050505050505090565b5f6111ec836113c5565b90505f6111f8826114ca565b600381111561120957611209611baf565b1461124d5760405162461bcd60e51b81526020600482015260146024820152736e6f742074686520636f6d6d697420706861736560601b604482015260640161046b565b8161128d5760405162461bcd60e51b815260206004820152601060248201526f195b5c1d1e4818dbdb5b5a5d1b595b9d60821b604482015260640161046b565b6040516359fa205d60e11b81523360048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063b3f440ba90602401602060405180830381865afa1580156112f1573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906113159190611c82565b5f85815260026020526040812091925090816113318585611425565b815260208101919091526040015f208054909150156113865760405162461bcd60e51b8152602060048201526011602482015270185b1c9958591e4818dbdb5b5a5d1d1959607a1b604482015260640161046b565b8381556040516001600160a01b0383169086907f452c97fab23345463f6fbb454d3bf4f408941c88abe2e79586032f5c8f9711fb905f90a35050505050565b5f600182101580156113d857505f548211155b6114145760405162461bcd60e51b815260206004820152600d60248201526c1b9bc81cdd58da081c9bdd5b99609a1b604482015260640161046b565b505f90815260016020526040902090565b5f60048301815b815481101561147b57836001600160a01b031682828154811061145157611451611cd8565b5f918252602090912001546001600160a01b0316036114735791506114c49050565b60010161142c565b5060405162461bcd60e51b815260206004820152601e60248201527f6f6e6c792074686520726f756e64277320636865636b65727320766f74650000604482015260640161046b565b92915050565b80545f90600160401b900460ff16156114e557506003919050565b81545f906114fc906001600160401b031643611d55565b905061152960027f0000000000000000000000000000000000000000000000000000000000000000612021565b81101561153857505f92915050565b7f00000000000000000000000000000000000000000000000000000000000000008110156115695750600192915050565b50600292915050565b6060805f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663ec5ffac26040518163ffffffff1660e01b8152600401602060405180830381865afa1580156115d2573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906115f69190611cec565b855190915086905f906001600160401b0381111561161657611616611cc4565b60405190808252806020026020018201604052801561163f578160200160208202803683370190505b5090505f805b88518110156116c4578488828151811061166157611661611cd8565b6020026020010151106116bc5761169289828151811061168357611683611cd8565b602002602001015185836118b2565b838361169d81611d03565b9450815181106116af576116af611cd8565b6020026020010181815250505b600101611645565b5060028110156117095760405162461bcd60e51b815260206004820152601060248201526f6e6f7420656e6f756768206e6f64657360801b604482015260640161046b565b60015b816117178280612040565b101561172f578061172781611d03565b91505061170c565b6101008111156117815760405162461bcd60e51b815260206004820152601c60248201527f746f6f206d616e79206e6f64657320666f72206f6e6520726f756e6400000000604482015260640161046b565b61178c83838361197b565b96505f8761179b600184611d55565b815181106117ab576117ab611cd8565b602002602001015190508a6040516020016117c891815260200190565b60408051601f19818403018152919052805160209091012094505f805b84811015611888578286828151811061180057611800611cd8565b60200260200101511115611880575f86828151811061182157611821611cd8565b602002602001015163ffffffff1690506118558d828151811061184657611846611cd8565b602002602001015189836118b2565b878461186081611d03565b95508151811061187257611872611cd8565b602002602001018181525050505b6001016117e5565b506118a1858285841061189b578561197b565b8361197b565b975050505050505050935093915050565b602083901b640100000000600160c01b031660ff60c01b7f01010101010101010101010101010101010101010101010101010101010101017f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f7f3333333333333333333333333333333333333333333333333333333333333333868818600181901c735555555555555555555555555555555555555555166001600160a01b039091160381811660029190911c9190911601600481901c01160260381c161781175b9392505050565b6060816001600160401b0381111561199557611995611cc4565b6040519080825280602002602001820160405280156119be578160200160208202803683370190505b5090508115611974575f805b84811015611b07575f8682815181106119e5576119e5611cd8565b602002602001015190508483148015611a21575083611a05600187611d55565b81518110611a1557611a15611cd8565b60200260200101518110155b15611a2c5750611aff565b5f858410611a4457611a3f600187611d55565b611a51565b83611a4e81611d03565b94505b90505b5f81118015611a8557508185611a6b600184611d55565b81518110611a7b57611a7b611cd8565b6020026020010151115b15611add5784611a96600183611d55565b81518110611aa657611aa6611cd8565b6020026020010151858281518110611ac057611ac0611cd8565b602090810291909101015280611ad581612057565b915050611a54565b81858281518110611af057611af0611cd8565b60200260200101818152505050505b6001016119ca565b50509392505050565b6001600160a01b0381168114611b24575f5ffd5b50565b5f5f60408385031215611b38575f5ffd5b823591506020830135611b4a81611b10565b809150509250929050565b5f60208284031215611b65575f5ffd5b5035919050565b5f8151808452602084019350602083015f5b82811015611ba55781516001600160a01b0316865260209586019590910190600101611b7e565b5093949350505050565b634e487b7160e01b5f52602160045260245ffd5b6001600160401b038616815260a060208201525f611be460a0830187611b6c565b8281036040840152611bf68187611b6c565b90508281036060840152611c0a8186611b6c565b91505060048310611c2957634e487b7160e01b5f52602160045260245ffd5b8260808301529695505050505050565b5f5f5f60608486031215611c4b575f5ffd5b505081359360208301359350604090920135919050565b5f5f60408385031215611c73575f5ffd5b50508035926020909101359150565b5f60208284031215611c92575f5ffd5b815161197481611b10565b634e487b7160e01b5f52601160045260245ffd5b808201808211156114c4576114c4611c9d565b634e487b7160e01b5f52604160045260245ffd5b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215611cfc575f5ffd5b5051919050565b5f60018201611d1457611d14611c9d565b5060010190565b602081525f6119746020830184611b6c565b838152606060208201525f611d456060830185611b6c565b9050826040830152949350505050565b818103818111156114c4576114c4611c9d565b604051601f8201601f191681016001600160401b0381118282101715611d9057611d90611cc4565b604052919050565b5f6001600160401b03821115611db057611db0611cc4565b5060051b60200190565b5f82601f830112611dc9575f5ffd5b8151611ddc611dd782611d98565b611d68565b8082825260208201915060208360051b860101925085831115611dfd575f5ffd5b602085015b83811015611e23578051611e1581611b10565b835260209283019201611e02565b5095945050505050565b5f82601f830112611e3c575f5ffd5b8151611e4a611dd782611d98565b8082825260208201915060208360051b860101925085831115611e6b575f5ffd5b602085015b83811015611e235780516001600160401b0381168114611e8e575f5ffd5b835260209283019201611e70565b5f5f5f5f60808587031215611eaf575f5ffd5b84516001600160401b03811115611ec4575f5ffd5b611ed087828801611dba565b94505060208501516001600160401b03811115611eeb575f5ffd5b611ef787828801611dba565b93505060408501516001600160401b03811115611f12575f5ffd5b8501601f81018713611f22575f5ffd5b8051611f30611dd782611d98565b8082825260208201915060208360051b850101925089831115611f51575f5ffd5b6020840193505b82841015611f73578351825260209384019390910190611f58565b8095505050505060608501516001600160401b03811115611f92575f5ffd5b611f9e87828801611e2d565b91505092959194509250565b5f8154808452602084019350825f5260205f205f5b82811015611ba55781546001600160a01b0316865260209095019460019182019101611fbf565b848152836020820152608060408201525f6120046080830185611faa565b82810360608401526120168185611faa565b979650505050505050565b5f8261203b57634e487b7160e01b5f52601260045260245ffd5b500490565b80820281158282048414176114c4576114c4611c9d565b5f8161206557612065611c9d565b505f19019056fea164736f6c6343000825000a";

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
            String who) {
        final Function function = new Function(FUNC_BALLOTOF, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Uint256(round), 
                new org.web3j.abi.datatypes.Address(160, who)), 
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
