package dev.nkms.cli;

import picocli.CommandLine.Command;

/** {@code nkms bench …}: user-facing benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure nkms on this machine.",
    subcommands = {
      dev.nkms.cli.bench.CryptoBenchCommand.class,
      dev.nkms.cli.bench.NetworkBenchCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {"  nkms bench crypto --json", "  nkms bench network"})
public final class BenchCommand {}
