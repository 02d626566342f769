// Package tgwpeering connects the regional networks of a multi-region app
// with AWS Transit Gateways: one hub per region (a Transit Gateway with its
// own ASN and route tables, attached to the region's VPC), a full mesh of
// cross-region peering attachments with static routes in both directions,
// and Site-to-Site VPN connections for client sites.
//
// A region's hub lives in that region's stack and uses only that stack's
// provider; each peering (request, acceptance, associations and routes on
// both sides) lives in a stack of its own with a provider per side
// (Props.PairStack), deployed after its two regions: one deploy builds the
// whole mesh (see README.md, "Stacks and deploy order").
package tgwpeering
