package dev.nkms.cli.facade;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.client.Nkms;
import dev.nkms.client.StoredObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nkms objects}: Alice's object index (what {@code nkms write} stored). */
@Command(
    name = "objects",
    mixinStandardHelpOptions = true,
    description =
        "List the objects this Alice wrote (her object index under --home): location, label,"
            + " plaintext size, when written.",
    footerHeading = "%nExamples:%n",
    footer = {"  nkms objects --keys alice.keys", "  nkms objects --keys alice.keys --json"})
public final class ObjectsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FacadeOptions facade;

  @Override
  public Integer call() throws Exception {
    List<StoredObject> objects;
    try (Nkms nkms = facade.open()) {
      objects = nkms.objects();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (facade.output.json) {
      List<Object> list = new ArrayList<>();
      for (StoredObject o : objects) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("location", o.location().toString());
        m.put("label", o.label());
        m.put("size", o.size());
        m.put("written", o.written().toString());
        list.add(m);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("objects", list);
      JsonOutput.print(out, doc);
      return ExitCode.OK;
    }
    if (objects.isEmpty()) {
      facade.output.info(
          spec.commandLine().getErr(), "no objects written here yet (see `nkms write --help`)");
    }
    for (StoredObject o : objects) {
      out.println(
          o.location() + "  " + o.label() + "  " + o.size() + " bytes  written " + o.written());
    }
    return ExitCode.OK;
  }
}
