// Package tgwpeering connects the regional networks of a multi-region app
// with AWS Transit Gateways: one hub per region (a Transit Gateway with its
// own ASN and route tables, attached to the region's VPC), a full mesh of
// cross-region peering attachments with static routes in both directions,
// and Site-to-Site VPN connections for client sites.
//
// Every region's resources live in that region's stack and use only that
// stack's provider. The two halves of a peering (request and accept) live in
// different stacks; the package exchanges their IDs through the stacks'
// Terraform state (see README.md, "Deploy order").
package tgwpeering
