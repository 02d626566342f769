package flowlogs

import (
	"strings"

	"github.com/multiregion-iac/multiregion/internal/tfexpr"
)

// field is one flow log field: its AWS name and the name queries give it.
type field struct{ aws, query string }

// vpcFields is the VPC flow log format: the default fields plus the VPC,
// subnet and direction, so rejected traffic can be told apart per subnet.
var vpcFields = []field{
	{"version", "version"}, {"account-id", "accountId"}, {"interface-id", "interfaceId"},
	{"srcaddr", "srcAddr"}, {"dstaddr", "dstAddr"}, {"srcport", "srcPort"}, {"dstport", "dstPort"},
	{"protocol", "protocol"}, {"packets", "packets"}, {"bytes", "bytes"}, {"start", "start"}, {"end", "end"},
	{"action", "action"}, {"log-status", "logStatus"}, {"vpc-id", "vpcId"}, {"subnet-id", "subnetId"},
	{"flow-direction", "flowDirection"},
}

// tgwFields is the Transit Gateway flow log format. There is no action
// field; the packets-lost-* counters say why packets were dropped.
var tgwFields = []field{
	{"version", "version"}, {"resource-type", "resourceType"}, {"account-id", "accountId"},
	{"tgw-id", "tgwId"}, {"tgw-attachment-id", "tgwAttachmentId"}, {"tgw-pair-attachment-id", "tgwPairAttachmentId"},
	{"tgw-src-vpc-id", "tgwSrcVpcId"}, {"tgw-dst-vpc-id", "tgwDstVpcId"},
	{"srcaddr", "srcAddr"}, {"dstaddr", "dstAddr"}, {"srcport", "srcPort"}, {"dstport", "dstPort"},
	{"protocol", "protocol"}, {"packets", "packets"}, {"bytes", "bytes"}, {"start", "start"}, {"end", "end"},
	{"log-status", "logStatus"}, {"type", "type"},
	{"packets-lost-no-route", "packetsLostNoRoute"}, {"packets-lost-blackhole", "packetsLostBlackhole"},
	{"packets-lost-mtu-exceeded", "packetsLostMtuExceeded"}, {"packets-lost-ttl-expired", "packetsLostTtlExpired"},
	{"flow-direction", "flowDirection"},
}

// VpcLogFormat is the log_format of the VPC flow logs.
var VpcLogFormat = logFormat(vpcFields)

// TgwLogFormat is the log_format of the Transit Gateway flow logs.
var TgwLogFormat = logFormat(tgwFields)

// literal escapes ${ as $${ so Terraform passes the flow log fields to AWS
// as written instead of reading them as interpolations.
func literal(s string) string { return tfexpr.Literal(s) }

func logFormat(fields []field) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = "${" + f.aws + "}"
	}
	return strings.Join(parts, " ")
}

// parseCommand splits @message into named fields; one "*" per field, in the
// order of the log format, so a record always maps onto the same names.
func parseCommand(fields []field) string {
	stars := make([]string, len(fields))
	names := make([]string, len(fields))
	for i, f := range fields {
		stars[i] = "*"
		names[i] = f.query
	}
	return `parse @message "` + strings.Join(stars, " ") + `" as ` + strings.Join(names, ", ")
}
