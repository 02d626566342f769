package e2e

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

// consumer is what examples/consumer declares (its own Go module, written
// as a team would with the composition API).
var consumer = meshWant{
	app: "payments",
	regions: []meshRegion{
		{"eu-central-1", "10.40.0.0/16", 64512},
		{"eu-west-1", "10.50.0.0/16", 64513},
	},
	clients: []meshClient{
		{"hq", "eu-central-1", []string{"172.16.0.0/20"}},
		{"plant", "eu-central-1", []string{"192.168.0.0/22"}},
		{"depot", "eu-west-1", []string{"172.20.0.0/20"}},
	},
}

// consumerAccelerator is the example's Global Accelerator, with flow logs.
var consumerAccelerator = acceleratorWant{
	name: "payments", app: "payments", ports: []int32{443}, flowLogs: true,
	dials: map[string]float32{"eu-central-1": 100, "eu-west-1": 0},
}

// consumerStacks are the example's stacks in deploy order.
var consumerStacks = []string{"iam", "eu-central-1", "eu-west-1", stacks.PeeringStackName("eu-west-1", "eu-central-1"), "global"}

// consumerDatabase is the example's Aurora global database.
var consumerDatabase = auroraApp{
	app: "payments", primary: "eu-central-1", secondary: "eu-west-1",
	instances:       map[string]int{"eu-central-1": 2, "eu-west-1": 1},
	activeRegionEnv: "PAYMENTS_ACTIVE_REGION",
	zoneName:        "payments.example.internal", fqdn: "api.payments.example.internal",
	accelerator: consumerAccelerator,
}

// TestConsumerExample deploys examples/consumer with one cdktf deploy,
// checks it through the AWS API (the peering available with routes both
// ways, the global database, the accelerator), checks that no state holds
// the master password, re-plans every stack expecting no changes, runs
// the runbook's routing-control failover and then its Aurora drill
// (switchover and back, failover with eu-central-1 down, the old primary's
// return, switch back) on it, destroys it and checks that nothing is left.
func TestConsumerExample(t *testing.T) {
	e2e.Enabled(t)
	t.Parallel() // subprocesses only: no jsii in this test binary
	waitForReferenceChecks(t)
	url := e2e.StartEmulator(t, e2e.Normal)
	// Through an outage proxy (every region up until a drill takes one
	// down): the ARC cluster's endpoints point at the host that created it.
	outage := e2e.StartOutage(t, url)
	p := e2e.NewProject(t, "examples/consumer", outage.URL)
	destroyed := false
	t.Cleanup(func() {
		if !destroyed {
			p.Destroy(t, consumerStacks...)
		}
	})
	p.Deploy(t, consumerStacks...) // one pass

	checkMesh(t, url, consumer)
	checkConsumerParts(t, url)
	checkAccelerator(t, url, consumerAccelerator)
	password := checkAuroraSecret(t, url, consumerDatabase.primary, consumerDatabase.app)
	checkNoPasswordInState(t, p, password, consumerStacks)
	p.AssertNoChanges(t, consumerStacks...)
	db := consumerDatabase
	runRoutingControlDrill(t, p, url, outage, arcApp{app: db.app, zoneName: db.zoneName, fqdn: db.fqdn, primary: db.primary, secondary: db.secondary})
	runAuroraDrill(t, p, url, outage, db, consumerStacks, password)

	// In dependency order (the drill ends with eu-central-1 writing, so
	// eu-west-1's stack depends on it): AWS refuses to detach a writer
	// that still has secondaries, and the global cluster goes last.
	p.Destroy(t, consumerStacks...)
	destroyed = true
	checkMeshGone(t, url, consumer)
	checkConsumerGone(t, url)
	checkAcceleratorGone(t, url, consumerAccelerator.name)
}

// checkConsumerParts: an NLB per region, the global database with
// eu-central-1 writing, one dashboard per client in its region, the
// failover records and the overview.
func checkConsumerParts(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	db := consumerDatabase
	checkGlobalDatabase(t, url, db.globalCluster(), db.app, db.primary, db.instances)
	for region, clients := range map[string][]string{"eu-central-1": {"hq", "plant"}, "eu-west-1": {"depot"}} {
		lbs, err := elb.NewFromConfig(e2e.AWS(t, url, region)).DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{nlbName("payments", region)}})
		if err != nil || len(lbs.LoadBalancers) != 1 {
			t.Errorf("%s: NLB %s: %v", region, nlbName("payments", region), err)
		}
		var dashboards []string
		for _, c := range clients {
			dashboards = append(dashboards, "payments-client-"+c)
		}
		checkDashboards(t, url, region, "payments-client-", dashboards)
	}
	checkDashboards(t, url, "us-east-1", "payments-global", []string{"payments-global-overview"})
	zones, err := route53.NewFromConfig(e2e.AWS(t, url, "us-east-1")).ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String("payments.example.internal")})
	if err != nil || len(zones.HostedZones) == 0 {
		t.Fatalf("hosted zone: %v", err)
	}
	records, err := route53.NewFromConfig(e2e.AWS(t, url, "us-east-1")).ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: zones.HostedZones[0].Id})
	if err != nil {
		t.Fatal(err)
	}
	failover := 0
	for _, r := range records.ResourceRecordSets {
		if r.Failover != "" {
			failover++
		}
	}
	if failover != 2 {
		t.Errorf("%d failover records, want PRIMARY and SECONDARY", failover)
	}
}

// checkDashboards: the region's dashboards named with prefix are want.
func checkDashboards(t *testing.T, url, region, prefix string, want []string) {
	t.Helper()
	out, err := cloudWatch(t, url, region).ListDashboards(context.Background(), &cloudwatch.ListDashboardsInput{DashboardNamePrefix: aws.String(prefix)})
	if err != nil {
		t.Fatalf("%s: ListDashboards: %v", region, err)
	}
	var got []string
	for _, d := range out.DashboardEntries {
		got = append(got, aws.ToString(d.DashboardName))
	}
	// AWS lists dashboards by name; the emulator in creation order.
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("%s: dashboards %v, want %v", region, got, want)
	}
}

// checkConsumerGone: no VPC, NLB, global or member cluster, DB instance,
// dashboard, alarm or log group of the app is left.
func checkConsumerGone(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	checkGlobalDatabaseGone(t, url, consumerDatabase.globalCluster(), consumerDatabase.app, consumerDatabase.primary, consumerDatabase.secondary)
	for _, r := range consumer.regions {
		vpcs, err := ec2.NewFromConfig(e2e.AWS(t, url, r.name)).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vpcs.Vpcs {
			if aws.ToString(v.CidrBlock) == r.cidr {
				t.Errorf("%s: VPC %s left after destroy", r.name, aws.ToString(v.VpcId))
			}
		}
		if ids := dbIdentifiers(t, url, r.name, "payments-"); len(ids) > 0 {
			t.Errorf("%s: DB instances left after destroy: %v", r.name, ids)
		}
		lbs, err := elb.NewFromConfig(e2e.AWS(t, url, r.name)).DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(lbs.LoadBalancers) > 0 {
			t.Errorf("%s: %d load balancers left after destroy", r.name, len(lbs.LoadBalancers))
		}
		checkDashboards(t, url, r.name, "payments-", nil)
		if left := alarmsWithPrefix(t, url, r.name, "payments-"); len(left) > 0 {
			t.Errorf("%s: %d alarms left after destroy", r.name, len(left))
		}
		groups, err := cloudwatchlogs.NewFromConfig(e2e.AWS(t, url, r.name)).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("/multiregion/payments-")})
		if err != nil {
			t.Fatal(err)
		}
		if len(groups.LogGroups) > 0 {
			t.Errorf("%s: %d log groups left after destroy", r.name, len(groups.LogGroups))
		}
	}
	checkDashboards(t, url, "us-east-1", "payments-", nil)
	if left := alarmsWithPrefix(t, url, "us-east-1", "payments-"); len(left) > 0 {
		t.Errorf("us-east-1: %d global alarms left after destroy", len(left))
	}
}
