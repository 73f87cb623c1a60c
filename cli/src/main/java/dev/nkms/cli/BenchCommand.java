package dev.nkms.cli;

import picocli.CommandLine.Command;

/** {@code nkms bench …}: user-facing benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure nkms on this machine.",
    subcommands = {
      dev.nkms.cli.bench.CryptoBenchCommand.class,
      dev.nkms.cli.bench.NetworkBenchCommand.class,
      dev.nkms.cli.bench.StorageBenchCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms bench crypto --json",
      "  nkms bench network",
      "  nkms bench storage --size 256MiB"
    })
public final class BenchCommand {}
