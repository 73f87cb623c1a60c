/** JMH benchmarks for nkms. Run: see BENCHMARKS.md. */
package dev.nkms.bench;
