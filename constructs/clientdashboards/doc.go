// Package clientdashboards generates one CloudWatch dashboard per client
// connection from a list of clients, in the region of the client's Transit
// Gateway: top talkers and bandwidth from the Transit Gateway flow logs
// (filtered on the client's attachment), rejected traffic from the VPC flow
// logs (action REJECT to or from the client's networks), dropped traffic from
// the TGW packets-lost-* fields, Transit Gateway bytes and drops per
// attachment, VPN tunnel state and data for VPN clients, and round-trip time
// and packet loss from CloudWatch Network Monitor probes toward the client's
// site addresses.
//
// Every body is shaped in Go (package monitoring/dashboard) and checked
// against the CloudWatch limits; the stack holds one name and one body
// template derived from that layout, and a few values per client, so a
// thousand clients synthesize quickly. Build does the shaping without
// creating anything, for tests and capacity planning.
package clientdashboards
