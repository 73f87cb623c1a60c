package dev.nkms.cli.characters;

import dev.nkms.cli.UserError;
import dev.nkms.client.message.Enrico;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms enrico encrypt}: encrypt a file for a policy key; streams, so files of any size work. */
@Command(name = "enrico", mixinStandardHelpOptions = true, description = "Encrypt data for a policy (data source).",
    subcommands = {EnricoCommand.Encrypt.class})
public final class EnricoCommand {

  @Command(name = "encrypt", mixinStandardHelpOptions = true,
      description = "Encrypt FILE for a policy's encrypting key (from `nkms alice policy-key`).")
  public static final class Encrypt implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--policy-key", required = true, description = "Policy encrypting key, hex (33 bytes).")
    String policyKey;

    @Option(names = "--in", required = true) Path in;

    @Option(names = "--out", required = true) Path out;

    @Override
    public Integer call() throws Exception {
      PublicKey key;
      try {
        key = PublicKey.fromCompressedBytes(Hex.decode(policyKey.strip()));
      } catch (DecoderException | MalformedInputException e) {
        throw new UserError(2, "--policy-key is not a public key: " + e.getMessage());
      }
      long length;
      try {
        length = Files.size(in);
      } catch (NoSuchFileException e) {
        throw new UserError(2, "no such file: " + in);
      }
      Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
      try (InputStream i = new BufferedInputStream(Files.newInputStream(in));
          OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        new Enrico(key, RandomSource.secure()).encrypt(new Progress(i, length, "encrypting"), length, o);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      spec.commandLine().getOut().println("encrypted " + length + " bytes → " + out + " (" + Files.size(out) + " bytes)");
      return 0;
    }
  }
}
