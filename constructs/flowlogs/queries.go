package flowlogs

import (
	"fmt"
	"strings"
)

// Filter narrows a query to one client connection. The zero value queries
// everything in the log group.
type Filter struct {
	// AttachmentId keeps only Transit Gateway records logged on this
	// attachment (both directions). A Terraform reference is fine.
	AttachmentId string
	// Cidrs keeps only VPC records whose source or destination is in one of
	// these IPv4 networks.
	Cidrs []string
}

// TopTalkersLimit is how many source/destination pairs the top-talkers
// queries return.
const TopTalkersLimit = 20

// TopTalkersQuery ranks source/destination pairs by bytes through the
// Transit Gateway.
func TopTalkersQuery(f Filter) string {
	by := "srcAddr, dstAddr"
	if f.AttachmentId == "" {
		by = "tgwAttachmentId, srcAddr, dstAddr"
	}
	return pipe(parseCommand(tgwFields), attachmentFilter(f),
		"stats sum(bytes) as totalBytes, sum(packets) as totalPackets by "+by,
		"sort totalBytes desc",
		fmt.Sprintf("limit %d", TopTalkersLimit))
}

// VpcTopTalkersQuery ranks source/destination pairs by bytes in the VPC.
func VpcTopTalkersQuery(f Filter) string {
	return pipe(parseCommand(vpcFields), cidrFilter(f),
		"stats sum(bytes) as totalBytes, sum(packets) as totalPackets by srcAddr, dstAddr",
		"sort totalBytes desc",
		fmt.Sprintf("limit %d", TopTalkersLimit))
}

// RejectedQuery lists flows the VPC rejected (security groups or network
// ACLs). Transit Gateway flow logs have no action field, so rejects come
// only from VPC flow logs.
func RejectedQuery(f Filter) string {
	return pipe(parseCommand(vpcFields), "filter action = 'REJECT'", cidrFilter(f),
		"stats count(*) as flows, sum(packets) as rejectedPackets by srcAddr, dstAddr, dstPort, protocol",
		"sort rejectedPackets desc",
		"limit 50")
}

// DroppedQuery sums the packets the Transit Gateway dropped, by reason:
// no route, blackhole route, MTU exceeded, TTL expired.
func DroppedQuery(f Filter) string {
	by := "srcAddr, dstAddr"
	if f.AttachmentId == "" {
		by = "tgwAttachmentId, srcAddr, dstAddr"
	}
	return pipe(parseCommand(tgwFields), attachmentFilter(f),
		"filter packetsLostNoRoute > 0 or packetsLostBlackhole > 0 or packetsLostMtuExceeded > 0 or packetsLostTtlExpired > 0",
		"stats sum(packetsLostNoRoute) as noRoute, sum(packetsLostBlackhole) as blackhole, sum(packetsLostMtuExceeded) as mtuExceeded, sum(packetsLostTtlExpired) as ttlExpired by "+by,
		"sort noRoute desc, blackhole desc",
		"limit 50")
}

// BandwidthQuery charts bytes through the Transit Gateway per 5-minute bin
// (per attachment when not filtered).
func BandwidthQuery(f Filter) string {
	by := "bin(5m)"
	if f.AttachmentId == "" {
		by = "bin(5m), tgwAttachmentId"
	}
	return pipe(parseCommand(tgwFields), attachmentFilter(f), "stats sum(bytes) as bytes by "+by)
}

// Source prefixes a query with the SOURCE command naming its log groups, the
// form a dashboard log widget needs: SOURCE 'a' | SOURCE 'b' | <query>.
func Source(query string, logGroups ...string) string {
	parts := make([]string, 0, len(logGroups)+1)
	for _, g := range logGroups {
		parts = append(parts, "SOURCE '"+g+"'")
	}
	return strings.Join(append(parts, query), " | ")
}

func attachmentFilter(f Filter) string {
	if f.AttachmentId == "" {
		return ""
	}
	return "filter tgwAttachmentId = '" + f.AttachmentId + "'"
}

func cidrFilter(f Filter) string { return CidrFilter(f.Cidrs) }

// CidrFilter is the query command keeping VPC records whose source or
// destination is in one of cidrs; empty for no cidrs.
func CidrFilter(cidrs []string) string {
	if len(cidrs) == 0 {
		return ""
	}
	var terms []string
	for _, c := range cidrs {
		terms = append(terms, "isIpv4InSubnet(srcAddr, '"+c+"')", "isIpv4InSubnet(dstAddr, '"+c+"')")
	}
	return "filter " + strings.Join(terms, " or ")
}

// pipe joins query commands, one per line, skipping empty ones.
func pipe(cmds ...string) string {
	var kept []string
	for _, c := range cmds {
		if c != "" {
			kept = append(kept, c)
		}
	}
	return strings.Join(kept, "\n| ")
}
