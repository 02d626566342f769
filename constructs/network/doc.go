// Package network builds the regional VPC every other multiregion construct
// attaches to: public, private and database subnets spread over two or three
// Availability Zones, a route table per tier (one per AZ for private subnets,
// so Transit Gateway and NAT routes can be added per AZ), an internet gateway,
// optional NAT gateways, and a default security group with every rule removed.
//
// Subnet sizes are derived from the VPC CIDR and can be overridden; the
// layout is computed in Go, so it is validated before anything is written
// and never changes when unrelated inputs change.
package network
