package flowlogs

import (
	"regexp"
	"strings"
	"testing"
)

// Each query parses @message with one "*" per format field, names them in
// format order, and filters on the fields the issue asks for.
func TestQueries(t *testing.T) {
	parse := regexp.MustCompile(`^parse @message "([* ]+)" as ([A-Za-z, ]+)\n`)
	cases := []struct {
		name   string
		query  string
		fields []field
		want   []string
	}{
		{"top talkers", TopTalkersQuery(Filter{AttachmentId: "tgw-attach-1"}), tgwFields,
			[]string{"filter tgwAttachmentId = 'tgw-attach-1'", "stats sum(bytes) as totalBytes, sum(packets) as totalPackets by srcAddr, dstAddr", "sort totalBytes desc", "limit 20"}},
		{"rejected", RejectedQuery(Filter{Cidrs: []string{"192.168.10.0/24"}}), vpcFields,
			[]string{"filter action = 'REJECT'", "filter isIpv4InSubnet(srcAddr, '192.168.10.0/24') or isIpv4InSubnet(dstAddr, '192.168.10.0/24')"}},
		{"dropped", DroppedQuery(Filter{AttachmentId: "tgw-attach-1"}), tgwFields,
			[]string{"filter tgwAttachmentId = 'tgw-attach-1'", "filter packetsLostNoRoute > 0 or packetsLostBlackhole > 0 or packetsLostMtuExceeded > 0 or packetsLostTtlExpired > 0"}},
		{"bandwidth", BandwidthQuery(Filter{}), tgwFields, []string{"stats sum(bytes) as bytes by bin(5m), tgwAttachmentId"}},
		{"vpc top talkers", VpcTopTalkersQuery(Filter{}), vpcFields, []string{"sort totalBytes desc"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := parse.FindStringSubmatch(c.query)
			if m == nil {
				t.Fatalf("query does not start with a parse command:\n%s", c.query)
			}
			if n := strings.Count(m[1], "*"); n != len(c.fields) {
				t.Errorf("parse pattern has %d fields, the log format %d", n, len(c.fields))
			}
			names := strings.Split(m[2], ", ")
			for i, f := range c.fields {
				if i < len(names) && names[i] != f.query {
					t.Errorf("parse field %d is %q, want %q (%s)", i, names[i], f.query, f.aws)
				}
			}
			cmds := strings.Split(c.query, "\n| ")
			for _, w := range c.want {
				found := false
				for _, cmd := range cmds {
					found = found || cmd == w
				}
				if !found {
					t.Errorf("no command %q in:\n%s", w, c.query)
				}
			}
			if strings.Contains(c.query, "action") && c.fields[1].aws == "resource-type" {
				t.Error("a Transit Gateway query uses action, which TGW flow logs do not have")
			}
		})
	}
}

func TestSource(t *testing.T) {
	got := Source("fields @message", "/a/vpc", "/a/tgw")
	if want := "SOURCE '/a/vpc' | SOURCE '/a/tgw' | fields @message"; got != want {
		t.Errorf("Source = %q, want %q", got, want)
	}
}
