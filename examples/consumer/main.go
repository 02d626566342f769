// Command consumer is a platform team's own multi-region app, written as a
// team would write it: two EU regions, three client sites on VPN, an NLB
// per region behind Route 53 failover (decided by ARC routing controls)
// and Global Accelerator (with flow logs), an Aurora PostgreSQL global
// database (two instances where it writes, one in the other region), flow
// logs, client dashboards and alarms. It imports the multiregion module;
// nothing here is specific to this repository.
//
// AWS_ACCOUNT_ID names the account. PAYMENTS_ACTIVE_REGION is the region
// that serves traffic and writes (default: the primary, eu-central-1):
// after an Aurora switchover or failover, the pipeline deploys with it set
// to the new writer's region (docs/runbook.md, "Aurora global database").
// AWS_ENDPOINT_URL, when set, points every stack at a local emulator and
// makes the app disposable (no deletion protection, no final snapshots),
// so tests can destroy it.
package main

import (
	"log"
	"os"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/stacks"
)

func main() {
	endpoint := os.Getenv("AWS_ENDPOINT_URL")
	disposable := endpoint != ""
	app := cdktf.NewApp(nil)
	_, err := stacks.New(app, stacks.Config{
		App: "payments", Environment: "staging", AccountId: os.Getenv("AWS_ACCOUNT_ID"), Endpoint: endpoint,
		ActiveRegion: os.Getenv("PAYMENTS_ACTIVE_REGION"),
		Regions: []stacks.Region{
			{Name: "eu-central-1", Role: stacks.RolePrimary, Cidr: "10.40.0.0/16"},
			{Name: "eu-west-1", Role: stacks.RoleSecondary, Cidr: "10.50.0.0/16"},
		},
		Clients: []stacks.Client{
			{Name: "hq", Region: "eu-central-1", CustomerGatewayIP: "203.0.113.10", Cidrs: []string{"172.16.0.0/20"}},
			{Name: "plant", Region: "eu-central-1", CustomerGatewayIP: "198.51.100.20", BgpAsn: 65010, Cidrs: []string{"192.168.0.0/22"}},
			{Name: "depot", Region: "eu-west-1", CustomerGatewayIP: "192.0.2.30", BgpAsn: 65020, Cidrs: []string{"172.20.0.0/20"}},
		},
		LoadBalancer:      &stacks.LoadBalancer{DisableDeletionProtection: disposable},
		DNS:               &stacks.DNS{ZoneName: "payments.example.internal", RoutingControl: stacks.RoutingControl{Enabled: true}},
		GlobalAccelerator: stacks.GlobalAccelerator{Enabled: true, FlowLogs: true},
		GlobalDatabase: &stacks.GlobalDatabase{Instances: map[string]int{"eu-central-1": 2, "eu-west-1": 1},
			DisableDeletionProtection: disposable, SkipFinalSnapshot: disposable},
		Observability: &stacks.Observability{AlarmEmails: []string{"oncall@example.com"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	app.Synth()
}
