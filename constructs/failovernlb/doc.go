// Package failovernlb builds the public entry point of a multi-region app:
// in each region an internet-facing Network Load Balancer on Elastic IPs
// (static addresses clients can allow-list), and in the global stack Route 53
// health checks with PRIMARY/SECONDARY failover alias records and an optional
// Global Accelerator whose traffic dial follows the active region.
//
// New builds the regional part (one per region stack); NewGlobal builds the
// global part from the regional parts, referencing them across stacks.
// Timing computes the expected failover times from the same settings.
package failovernlb
