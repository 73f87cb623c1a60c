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
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes16;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple5;
import org.web3j.tuples.generated.Tuple7;
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
    public static final String BINARY = "60e06040526001600355348015610014575f5ffd5b50604051612118380380612118833981016040819052610033916100a2565b620f424081106100895760405162461bcd60e51b815260206004820152601560248201527f616c706861206d7573742062652062656c6f7720310000000000000000000000604482015260640160405180910390fd5b6001600160a01b0390921660805260a05260c0526100e1565b5f5f5f606084860312156100b4575f5ffd5b83516001600160a01b03811681146100ca575f5ffd5b602085015160409095015190969495509392505050565b60805160a05160c051611fdd61013b5f395f818161023b01526106eb01525f818160d401526108c401525f81816101f00152818161076c015281816108fa01528181610e9501528181611299015261132e0152611fdd5ff3fe6080604052600436106100bf575f3560e01c80634cf088d91161007c5780638d1a7117116100575780638d1a71171461027c578063920cf29e1461029b578063b247737614610377578063e4b5ec221461038c575f5ffd5b80634cf088d9146101df5780634ffb63a61461022a57806375467e981461025d575f5ffd5b8063038ebbff146100c357806313177e6e14610109578063173bbbc7146101545780631b9e908414610175578063240da26a146101ad578063255197a5146101cc575b5f5ffd5b3480156100ce575f5ffd5b506100f67f000000000000000000000000000000000000000000000000000000000000000081565b6040519081526020015b60405180910390f35b348015610114575f5ffd5b50610128610123366004611c70565b6103bb565b60408051958652602086019490945292840191909152151560608301521515608082015260a001610100565b34801561015f575f5ffd5b5061017361016e366004611ca5565b610484565b005b348015610180575f5ffd5b506100f661018f366004611d2f565b6001600160801b0319165f9081526020819052604090206002015490565b3480156101b8575f5ffd5b506100f66101c7366004611c70565b610a0e565b6101736101da366004611d8f565b610a75565b3480156101ea575f5ffd5b506102127f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610100565b348015610235575f5ffd5b506100f67f000000000000000000000000000000000000000000000000000000000000000081565b348015610268575f5ffd5b506100f6610277366004611e32565b61125a565b348015610287575f5ffd5b506100f6610296366004611d2f565b61165b565b3480156102a6575f5ffd5b506103266102b5366004611d2f565b6001600160801b0319165f908152602081905260409020805460018201546002909201546001600160a01b03821693600160a01b83046001600160401b0390811694818116946001600160801b03600160801b83041694600160401b90920490921692600160e01b90920460ff1691565b604080516001600160a01b0390981688526001600160401b03968716602089015294861694870194909452606086019290925292909216608084015260a083019190915260c082015260e001610100565b348015610382575f5ffd5b506100f660025481565b348015610397575f5ffd5b506103ab6103a6366004611c70565b611982565b6040519015158152602001610100565b6001600160801b031982165f9081526001602090815260408083206001600160a01b038516845290915281208054829182918291829161040a57505f945084935083925082915081905061047a565b6001600160801b031988165f9081526020819052604090208154600183015461043e908390600160801b900460ff166119db565b60018401546001600160801b03811690600160881b900460ff166104628587611a38565b939a509198506001600160801b031696509450925050505b9295509295909350565b6003546001146104af5760405162461bcd60e51b81526004016104a690611e70565b60405180910390fd5b60026003556001600160801b031984165f8181526001602090815260408083206001600160a01b03881684528252808320938352908290529020815461052d5760405162461bcd60e51b81526020600482015260136024820152721b9bc81cdd58da08185c9c985b99d95b595b9d606a1b60448201526064016104a6565b6001820154600160881b900460ff16156105995760405162461bcd60e51b815260206004820152602760248201527f7468697320617272616e67656d656e742077617320616c7265616479206368616044820152661b1b195b99d95960ca1b60648201526084016104a6565b6001810154600160401b90046001600160401b03161580156105c7575060018101546001600160401b031642105b6106135760405162461bcd60e51b815260206004820152601e60248201527f74686520706f6c696379206973206e6f206c6f6e67657220616374697665000060448201526064016104a6565b81546040516106259086908690611e98565b6040518091039020146106865760405162461bcd60e51b8152602060048201526024808201527f746865736520627974657320617265206e6f7420746865206e6f64652773206b6044820152636672616760e01b60648201526084016104a6565b80546001830154600160e81b90910460ff908116600160801b90920416908110905f906106b49084906119db565b90505f6106c2848342611a83565b60018601549091505f906106df906001600160801b031683611ebb565b90505f620f42406107107f000000000000000000000000000000000000000000000000000000000000000085611ece565b61071a9190611ef9565b9050818111156107275750805b85546001600160a01b03163314806107475750336001600160a01b038b16145b806107ea575060405163636f35d360e01b81526001600160a01b038b811660048301527f0000000000000000000000000000000000000000000000000000000000000000169063636f35d390602401602060405180830381865afa1580156107b1573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906107d59190611f0c565b6001600160a01b0316336001600160a01b0316145b156107f257505f5b5f6107fd8486611ebb565b90505f61080a8385611ebb565b60018a01805460ff60881b1916600160881b1790559050861561085d578754600160f01b900460ff1688601e61083f83611f27565b91906101000a81548160ff021916908360ff1602179055505061088f565b8754600160f81b900460ff1688601f61087583611f27565b91906101000a81548160ff021916908360ff160217905550505b8060025f8282546108a09190611f45565b9091555050604051634be9fd9f60e01b81526001600160a01b038d811660048301527f000000000000000000000000000000000000000000000000000000000000000060248301525f6044830181905260648301819052917f000000000000000000000000000000000000000000000000000000000000000090911690634be9fd9f906084016020604051808303815f875af1158015610942573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906109669190611f58565b9050336001600160a01b03168d6001600160a01b03168f6001600160801b0319167f4ccad8893f4f2eeb3c14bcfa99d806772efcbcbd7688620a879038fd52ca29c4878787876040516109d2949392919093845260208401929092526040830152606082015260800190565b60405180910390a488546109ef906001600160a01b031684611af4565b6109f93385611af4565b50506001600355505050505050505050505050565b6001600160801b031982165f9081526001602090815260408083206001600160a01b038516845290915281208054610a49575f915050610a6f565b6001600160801b031984165f908152602081905260409020610a6b9082611b99565b9150505b92915050565b600354600114610a975760405162461bcd60e51b81526004016104a690611e70565b6002600355836001600160801b03198816610aec5760405162461bcd60e51b815260206004820152601560248201527474686520706f6c696379206964206973207a65726f60581b60448201526064016104a6565b6001600160801b031988165f908152602081905260409020546001600160a01b031615610b5b5760405162461bcd60e51b815260206004820152601e60248201527f7468697320706f6c69637920696420697320616c72656164792075736564000060448201526064016104a6565b42876001600160401b031611610bbd5760405162461bcd60e51b815260206004820152602160248201527f74686520706f6c696379206d75737420656e6420696e207468652066757475726044820152606560f81b60648201526084016104a6565b60018110158015610bcf575060ff8111155b610c1b5760405162461bcd60e51b815260206004820152601b60248201527f6120706f6c69637920686173203120746f20323535206e6f646573000000000060448201526064016104a6565b828114610c6a5760405162461bcd60e51b815260206004820152601760248201527f6f6e65206b66726167206861736820706572206e6f646500000000000000000060448201526064016104a6565b81610caf5760405162461bcd60e51b8152602060048201526015602482015274746865206b6579732068617368206973207a65726f60581b60448201526064016104a6565b80341015610d135760405162461bcd60e51b815260206004820152602b60248201527f74686520666565206d7573742067697665206576657279206e6f64652061742060448201526a6c6561737420312077656960a81b60648201526084016104a6565b6001600160801b03341115610d615760405162461bcd60e51b81526020600482015260146024820152737468652066656520697320746f6f206c6172676560601b60448201526064016104a6565b5f5b81811015610fb3575f878783818110610d7e57610d7e611f6f565b9050602002016020810190610d939190611f83565b90505f868684818110610da857610da8611f6f565b9050602002013503610df35760405162461bcd60e51b815260206004820152601460248201527361206b667261672068617368206973207a65726f60601b60448201526064016104a6565b6001600160801b03198a165f9081526001602090815260408083206001600160a01b03851684529091529020805415610e675760405162461bcd60e51b815260206004820152601660248201527561206e6f6465206973206c697374656420747769636560501b60448201526064016104a6565b6040516332b182c360e01b81526001600160a01b0383811660048301526001600160401b038c1660248301527f000000000000000000000000000000000000000000000000000000000000000016906332b182c390604401602060405180830381865afa158015610eda573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610efe9190611f9e565b610f705760405162461bcd60e51b815260206004820152603b60248201527f61206e6f6465206973206e6f74207374616b6564206f72206e6f74206c6f636b60448201527f6564207468726f7567682074686520706f6c696379277320656e64000000000060648201526084016104a6565b868684818110610f8257610f82611f6f565b60200291909101358255506001908101805460ff60801b1916600160801b60ff861602179055919091019050610d63565b50604051806101400160405280336001600160a01b03168152602001426001600160401b031681526020018260ff1681526020018234610ff39190611fbd565b60ff1681526020015f60ff1681526020015f60ff168152602001886001600160401b031681526020015f6001600160401b03168152602001346001600160801b03168152602001838152505f5f8a6001600160801b0319166001600160801b03191681526020019081526020015f205f820151815f015f6101000a8154816001600160a01b0302191690836001600160a01b031602179055506020820151815f0160146101000a8154816001600160401b0302191690836001600160401b031602179055506040820151815f01601c6101000a81548160ff021916908360ff1602179055506060820151815f01601d6101000a81548160ff021916908360ff1602179055506080820151815f01601e6101000a81548160ff021916908360ff16021790555060a0820151815f01601f6101000a81548160ff021916908360ff16021790555060c0820151816001015f6101000a8154816001600160401b0302191690836001600160401b0316021790555060e08201518160010160086101000a8154816001600160401b0302191690836001600160401b031602179055506101008201518160010160106101000a8154816001600160801b0302191690836001600160801b031602179055506101208201518160020155905050336001600160a01b0316886001600160801b0319167f821437adc3875899c7d601b8f9516134646666c31aad2e229688499a91c910a334428b86886040516112439594939291909485526001600160401b0393841660208601529190921660408401526060830191909152608082015260a00190565b60405180910390a350506001600355505050505050565b5f60035460011461127d5760405162461bcd60e51b81526004016104a690611e70565b60026003556040516359fa205d60e11b81523360048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063b3f440ba90602401602060405180830381865afa1580156112e6573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061130a9190611f0c565b60405163682a914160e01b81526001600160a01b0380831660048301529192505f917f0000000000000000000000000000000000000000000000000000000000000000169063682a914190602401602060405180830381865afa158015611373573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906113979190611f0c565b90506001600160a01b0381166114065760405162461bcd60e51b815260206004820152602e60248201527f7468652063616c6c6572206973206e6f207374616b6564206e6f646520616e6460448201526d206f70657261746573206e6f6e6560901b60648201526084016104a6565b836114485760405162461bcd60e51b81526020600482015260126024820152711b9bc81c1bdb1a58da595cc81b1a5cdd195960721b60448201526064016104a6565b5f5b848110156115b1575f60015f88888581811061146857611468611f6f565b905060200201602081019061147d9190611d2f565b6001600160801b031916815260208082019290925260409081015f9081206001600160a01b0387168252909252902080549091506115145760405162461bcd60e51b815260206004820152602e60248201527f746865206e6f646520686173206e6f20617272616e67656d656e7420696e206160448201526d206c697374656420706f6c69637960901b60648201526084016104a6565b5f6115605f5f8a8a8781811061152c5761152c611f6f565b90506020020160208101906115419190611d2f565b6001600160801b031916815260208101919091526040015f2083611b99565b600183015490915061157b906001600160801b031682611ebb565b6115859087611f45565b600192830180546001600160801b0319166001600160801b03939093169290921790915594500161144a565b505f83116115f75760405162461bcd60e51b81526020600482015260136024820152726e6f7468696e6720746f20776974686472617760681b60448201526064016104a6565b816001600160a01b0316816001600160a01b03167f5e110f8bc8a20b65dcc87f224bdf1cc039346e267118bae2739847f07321ffa88560405161163c91815260200190565b60405180910390a361164e8284611af4565b5050600160035592915050565b5f60035460011461167e5760405162461bcd60e51b81526004016104a690611e70565b60026003556001600160801b031982165f90815260208190526040902080546001600160a01b03166116e35760405162461bcd60e51b815260206004820152600e60248201526d756e6b6e6f776e20706f6c69637960901b60448201526064016104a6565b80546001600160a01b031633146117475760405162461bcd60e51b815260206004820152602260248201527f6f6e6c792074686520706f6c6963792773206f776e6572207265766f6b6573206044820152611a5d60f21b60648201526084016104a6565b6001810154600160401b90046001600160401b0316156117a95760405162461bcd60e51b815260206004820152601d60248201527f74686520706f6c69637920697320616c7265616479207265766f6b656400000060448201526064016104a6565b60018101546001600160401b031642106118055760405162461bcd60e51b815260206004820152601c60248201527f74686520706f6c6963792068617320616c726561647920656e6465640000000060448201526064016104a6565b6001810180546fffffffffffffffff00000000000000001916600160401b426001600160401b031602179081905581545f9161185b91600160e01b900460ff1690600160801b90046001600160801b0316611ef9565b82549091505f9061187f9060ff600160f01b8204811691600160e81b900416611ebb565b83549091505f9060ff600160f81b82048116916118ad91600160e81b8204811691600160e01b900416611ebb565b6118b79190611ebb565b90506118c4848442611a83565b6118ce9084611ebb565b6118d89082611ece565b6118ed856118e7866001611f45565b42611a83565b6118f8856001611f45565b6119029190611ebb565b61190c9084611ece565b6119169190611f45565b604080516001600160401b03421681526020810183905291965033916001600160801b03198916917faa20592923576abf5d95dfe1949badd50832f984c140ba568ade18527554114e910160405180910390a36119733386611af4565b50506001600355509092915050565b6001600160801b031982165f9081526001602090815260408083206001600160a01b03851684529091528120805415801590610a6b57506001600160801b031984165f908152602081905260409020610a6b9082611a38565b81545f90600160e81b900460ff1682106119f5575f6119f8565b60015b8354600185015460ff92831692611a2792600160e01b90041690600160801b90046001600160801b0316611ef9565b611a319190611f45565b9392505050565b60018101545f90600160881b900460ff16158015611a6857506001830154600160401b90046001600160401b0316155b8015611a3157505050600101546001600160401b0316421090565b60018301545f906001600160401b031680831115611a9f578092505b8454611abb90600160a01b90046001600160401b031682611ebb565b8554611ad790600160a01b90046001600160401b031685611ebb565b611ae19086611ece565b611aeb9190611ef9565b95945050505050565b805f03611aff575050565b5f826001600160a01b0316826040515f6040518083038185875af1925050503d805f8114611b48576040519150601f19603f3d011682016040523d82523d5f602084013e611b4d565b606091505b5050905080611b945760405162461bcd60e51b8152602060048201526013602482015272115512081d1c985b9cd9995c8819985a5b1959606a1b60448201526064016104a6565b505050565b60018101545f90600160881b900460ff1615611bc3575060018101546001600160801b0316610a6f565b60018301544290600160401b90046001600160401b031615801590611bfb57506001840154600160401b90046001600160401b031681115b15611c1757506001830154600160401b90046001600160401b03165b6001830154610a6b908590611c37908290600160801b900460ff166119db565b83611a83565b80356001600160801b031981168114611c54575f5ffd5b919050565b6001600160a01b0381168114611c6d575f5ffd5b50565b5f5f60408385031215611c81575f5ffd5b611c8a83611c3d565b91506020830135611c9a81611c59565b809150509250929050565b5f5f5f5f60608587031215611cb8575f5ffd5b611cc185611c3d565b93506020850135611cd181611c59565b925060408501356001600160401b03811115611ceb575f5ffd5b8501601f81018713611cfb575f5ffd5b80356001600160401b03811115611d10575f5ffd5b876020828401011115611d21575f5ffd5b949793965060200194505050565b5f60208284031215611d3f575f5ffd5b611a3182611c3d565b5f5f83601f840112611d58575f5ffd5b5081356001600160401b03811115611d6e575f5ffd5b6020830191508360208260051b8501011115611d88575f5ffd5b9250929050565b5f5f5f5f5f5f5f60a0888a031215611da5575f5ffd5b611dae88611c3d565b965060208801356001600160401b0381168114611dc9575f5ffd5b955060408801356001600160401b03811115611de3575f5ffd5b611def8a828b01611d48565b90965094505060608801356001600160401b03811115611e0d575f5ffd5b611e198a828b01611d48565b989b979a50959894979596608090950135949350505050565b5f5f60208385031215611e43575f5ffd5b82356001600160401b03811115611e58575f5ffd5b611e6485828601611d48565b90969095509350505050565b6020808252600e908201526d1c99595b9d1c985b9d0818d85b1b60921b604082015260600190565b818382375f9101908152919050565b634e487b7160e01b5f52601160045260245ffd5b81810381811115610a6f57610a6f611ea7565b8082028115828204841417610a6f57610a6f611ea7565b634e487b7160e01b5f52601260045260245ffd5b5f82611f0757611f07611ee5565b500490565b5f60208284031215611f1c575f5ffd5b8151611a3181611c59565b5f60ff821660ff8103611f3c57611f3c611ea7565b60010192915050565b80820180821115610a6f57610a6f611ea7565b5f60208284031215611f68575f5ffd5b5051919050565b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215611f93575f5ffd5b8135611a3181611c59565b5f60208284031215611fae575f5ffd5b81518015158114611a31575f5ffd5b5f82611fcb57611fcb611ee5565b50069056fea164736f6c6343000825000a";

    private static String librariesLinkedBinary;

    public static final String FUNC_ACCRUED = "accrued";

    public static final String FUNC_ARRANGEMENT = "arrangement";

    public static final String FUNC_CHALLENGELEAKEDKEY = "challengeLeakedKey";

    public static final String FUNC_CHALLENGERREWARDPPM = "challengerRewardPpm";

    public static final String FUNC_CREATEPOLICY = "createPolicy";

    public static final String FUNC_ISACTIVE = "isActive";

    public static final String FUNC_KEYSHASH = "keysHash";

    public static final String FUNC_LEAKPENALTY = "leakPenalty";

    public static final String FUNC_POLICY = "policy";

    public static final String FUNC_REVOKE = "revoke";

    public static final String FUNC_SEIZED = "seized";

    public static final String FUNC_STAKING = "staking";

    public static final String FUNC_WITHDRAWFEES = "withdrawFees";

    public static final Event FEESWITHDRAWN_EVENT = new Event("FeesWithdrawn", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Address>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
    ;

    public static final Event LEAKEDKEYCHALLENGED_EVENT = new Event("LeakedKeyChallenged", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes16>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}));
    ;

    public static final Event POLICYCREATED_EVENT = new Event("PolicyCreated", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes16>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}, new TypeReference<Uint64>() {}, new TypeReference<Uint64>() {}, new TypeReference<Uint256>() {}, new TypeReference<Bytes32>() {}));
    ;

    public static final Event POLICYREVOKED_EVENT = new Event("PolicyRevoked", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes16>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint64>() {}, new TypeReference<Uint256>() {}));
    ;

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

    public static List<FeesWithdrawnEventResponse> getFeesWithdrawnEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(FEESWITHDRAWN_EVENT, transactionReceipt);
        ArrayList<FeesWithdrawnEventResponse> responses = new ArrayList<FeesWithdrawnEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            FeesWithdrawnEventResponse typedResponse = new FeesWithdrawnEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.node = (String) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.operator = (String) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.amount = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static FeesWithdrawnEventResponse getFeesWithdrawnEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(FEESWITHDRAWN_EVENT, log);
        FeesWithdrawnEventResponse typedResponse = new FeesWithdrawnEventResponse();
        typedResponse.log = log;
        typedResponse.node = (String) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.operator = (String) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.amount = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        return typedResponse;
    }

    public Flowable<FeesWithdrawnEventResponse> feesWithdrawnEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getFeesWithdrawnEventFromLog(log));
    }

    public Flowable<FeesWithdrawnEventResponse> feesWithdrawnEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(FEESWITHDRAWN_EVENT));
        return feesWithdrawnEventFlowable(filter);
    }

    public static List<LeakedKeyChallengedEventResponse> getLeakedKeyChallengedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(LEAKEDKEYCHALLENGED_EVENT, transactionReceipt);
        ArrayList<LeakedKeyChallengedEventResponse> responses = new ArrayList<LeakedKeyChallengedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            LeakedKeyChallengedEventResponse typedResponse = new LeakedKeyChallengedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.hrac = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.node = (String) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.challenger = (String) eventValues.getIndexedValues().get(2).getValue();
            typedResponse.challengerReward = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.ownerRefund = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.seized = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
            typedResponse.slashed = (BigInteger) eventValues.getNonIndexedValues().get(3).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static LeakedKeyChallengedEventResponse getLeakedKeyChallengedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(LEAKEDKEYCHALLENGED_EVENT, log);
        LeakedKeyChallengedEventResponse typedResponse = new LeakedKeyChallengedEventResponse();
        typedResponse.log = log;
        typedResponse.hrac = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.node = (String) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.challenger = (String) eventValues.getIndexedValues().get(2).getValue();
        typedResponse.challengerReward = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.ownerRefund = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.seized = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
        typedResponse.slashed = (BigInteger) eventValues.getNonIndexedValues().get(3).getValue();
        return typedResponse;
    }

    public Flowable<LeakedKeyChallengedEventResponse> leakedKeyChallengedEventFlowable(
            EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getLeakedKeyChallengedEventFromLog(log));
    }

    public Flowable<LeakedKeyChallengedEventResponse> leakedKeyChallengedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(LEAKEDKEYCHALLENGED_EVENT));
        return leakedKeyChallengedEventFlowable(filter);
    }

    public static List<PolicyCreatedEventResponse> getPolicyCreatedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(POLICYCREATED_EVENT, transactionReceipt);
        ArrayList<PolicyCreatedEventResponse> responses = new ArrayList<PolicyCreatedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            PolicyCreatedEventResponse typedResponse = new PolicyCreatedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.hrac = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.owner = (String) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.fee = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.start = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.end = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
            typedResponse.nodes = (BigInteger) eventValues.getNonIndexedValues().get(3).getValue();
            typedResponse.keysHash = (byte[]) eventValues.getNonIndexedValues().get(4).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static PolicyCreatedEventResponse getPolicyCreatedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(POLICYCREATED_EVENT, log);
        PolicyCreatedEventResponse typedResponse = new PolicyCreatedEventResponse();
        typedResponse.log = log;
        typedResponse.hrac = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.owner = (String) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.fee = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.start = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.end = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
        typedResponse.nodes = (BigInteger) eventValues.getNonIndexedValues().get(3).getValue();
        typedResponse.keysHash = (byte[]) eventValues.getNonIndexedValues().get(4).getValue();
        return typedResponse;
    }

    public Flowable<PolicyCreatedEventResponse> policyCreatedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getPolicyCreatedEventFromLog(log));
    }

    public Flowable<PolicyCreatedEventResponse> policyCreatedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(POLICYCREATED_EVENT));
        return policyCreatedEventFlowable(filter);
    }

    public static List<PolicyRevokedEventResponse> getPolicyRevokedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(POLICYREVOKED_EVENT, transactionReceipt);
        ArrayList<PolicyRevokedEventResponse> responses = new ArrayList<PolicyRevokedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            PolicyRevokedEventResponse typedResponse = new PolicyRevokedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.hrac = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.owner = (String) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.revokedAt = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.refund = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static PolicyRevokedEventResponse getPolicyRevokedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(POLICYREVOKED_EVENT, log);
        PolicyRevokedEventResponse typedResponse = new PolicyRevokedEventResponse();
        typedResponse.log = log;
        typedResponse.hrac = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.owner = (String) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.revokedAt = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.refund = (BigInteger) eventValues.getNonIndexedValues().get(1).getValue();
        return typedResponse;
    }

    public Flowable<PolicyRevokedEventResponse> policyRevokedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getPolicyRevokedEventFromLog(log));
    }

    public Flowable<PolicyRevokedEventResponse> policyRevokedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(POLICYREVOKED_EVENT));
        return policyRevokedEventFlowable(filter);
    }

    public RemoteFunctionCall<BigInteger> accrued(byte[] hrac, String node) {
        final Function function = new Function(FUNC_ACCRUED, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes16(hrac), 
                new org.web3j.abi.datatypes.Address(160, node)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    public RemoteFunctionCall<Tuple5<byte[], BigInteger, BigInteger, Boolean, Boolean>> arrangement(
            byte[] hrac, String node) {
        final Function function = new Function(FUNC_ARRANGEMENT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes16(hrac), 
                new org.web3j.abi.datatypes.Address(160, node)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Bool>() {}, new TypeReference<Bool>() {}));
        return new RemoteFunctionCall<Tuple5<byte[], BigInteger, BigInteger, Boolean, Boolean>>(function,
                new Callable<Tuple5<byte[], BigInteger, BigInteger, Boolean, Boolean>>() {
                    @Override
                    public Tuple5<byte[], BigInteger, BigInteger, Boolean, Boolean> call() throws
                            Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple5<byte[], BigInteger, BigInteger, Boolean, Boolean>(
                                (byte[]) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                (BigInteger) results.get(2).getValue(), 
                                (Boolean) results.get(3).getValue(), 
                                (Boolean) results.get(4).getValue());
                    }
                });
    }

    public RemoteFunctionCall<TransactionReceipt> challengeLeakedKey(byte[] hrac, String node,
            byte[] kfrag) {
        final Function function = new Function(
                FUNC_CHALLENGELEAKEDKEY, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes16(hrac), 
                new org.web3j.abi.datatypes.Address(160, node), 
                new org.web3j.abi.datatypes.DynamicBytes(kfrag)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
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

    public RemoteFunctionCall<Boolean> isActive(byte[] hrac, String node) {
        final Function function = new Function(FUNC_ISACTIVE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes16(hrac), 
                new org.web3j.abi.datatypes.Address(160, node)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bool>() {}));
        return executeRemoteCallSingleValueReturn(function, Boolean.class);
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

    public RemoteFunctionCall<Tuple7<String, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, byte[]>> policy(
            byte[] hrac) {
        final Function function = new Function(FUNC_POLICY, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes16(hrac)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Address>() {}, new TypeReference<Uint64>() {}, new TypeReference<Uint64>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint64>() {}, new TypeReference<Uint256>() {}, new TypeReference<Bytes32>() {}));
        return new RemoteFunctionCall<Tuple7<String, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, byte[]>>(function,
                new Callable<Tuple7<String, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, byte[]>>() {
                    @Override
                    public Tuple7<String, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, byte[]> call(
                            ) throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple7<String, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, byte[]>(
                                (String) results.get(0).getValue(), 
                                (BigInteger) results.get(1).getValue(), 
                                (BigInteger) results.get(2).getValue(), 
                                (BigInteger) results.get(3).getValue(), 
                                (BigInteger) results.get(4).getValue(), 
                                (BigInteger) results.get(5).getValue(), 
                                (byte[]) results.get(6).getValue());
                    }
                });
    }

    public RemoteFunctionCall<TransactionReceipt> revoke(byte[] hrac) {
        final Function function = new Function(
                FUNC_REVOKE, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes16(hrac)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<BigInteger> seized() {
        final Function function = new Function(FUNC_SEIZED, 
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

    public RemoteFunctionCall<TransactionReceipt> withdrawFees(List<byte[]> hracs) {
        final Function function = new Function(
                FUNC_WITHDRAWFEES, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.generated.Bytes16>(
                        org.web3j.abi.datatypes.generated.Bytes16.class,
                        org.web3j.abi.Utils.typeMap(hracs, org.web3j.abi.datatypes.generated.Bytes16.class))), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
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

    public static class FeesWithdrawnEventResponse extends BaseEventResponse {
        public String node;

        public String operator;

        public BigInteger amount;
    }

    public static class LeakedKeyChallengedEventResponse extends BaseEventResponse {
        public byte[] hrac;

        public String node;

        public String challenger;

        public BigInteger challengerReward;

        public BigInteger ownerRefund;

        public BigInteger seized;

        public BigInteger slashed;
    }

    public static class PolicyCreatedEventResponse extends BaseEventResponse {
        public byte[] hrac;

        public String owner;

        public BigInteger fee;

        public BigInteger start;

        public BigInteger end;

        public BigInteger nodes;

        public byte[] keysHash;
    }

    public static class PolicyRevokedEventResponse extends BaseEventResponse {
        public byte[] hrac;

        public String owner;

        public BigInteger revokedAt;

        public BigInteger refund;
    }
}
