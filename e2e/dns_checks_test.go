package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/multiregion-iac/multiregion/internal/e2e"
)

// dnsAnswer asks Route 53 what it answers for an A record now
// (TestDNSAnswer), sorted. It goes to the emulator itself, not through an
// outage proxy: it stands in for a DNS query, which Route 53's data plane
// answers whatever region is down.
func dnsAnswer(t *testing.T, emulator, zoneName, fqdn string) []string {
	t.Helper()
	ctx := context.Background()
	c := route53.NewFromConfig(e2e.AWS(t, emulator, "us-east-1"))
	zones, err := c.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String(zoneName)})
	if err != nil || len(zones.HostedZones) == 0 {
		t.Fatalf("hosted zone %s: %v", zoneName, err)
	}
	out, err := c.TestDNSAnswer(ctx, &route53.TestDNSAnswerInput{
		HostedZoneId: zones.HostedZones[0].Id, RecordName: aws.String(fqdn), RecordType: r53types.RRTypeA,
	})
	if err != nil {
		t.Fatalf("TestDNSAnswer %s: %v", fqdn, err)
	}
	if aws.ToString(out.ResponseCode) != "NOERROR" {
		t.Fatalf("TestDNSAnswer %s: response code %s", fqdn, aws.ToString(out.ResponseCode))
	}
	return slices.Sorted(slices.Values(out.RecordData))
}

// nlbAddresses are the public addresses of a region's NLB: its Elastic
// IPs, one per AZ, sorted.
func nlbAddresses(t *testing.T, url, region, name string) []string {
	t.Helper()
	ctx := context.Background()
	lbs, err := elb.NewFromConfig(e2e.AWS(t, url, region)).DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{name}})
	if err != nil || len(lbs.LoadBalancers) != 1 {
		t.Fatalf("%s: load balancer %s: %v", region, name, err)
	}
	var allocations []string
	for _, az := range lbs.LoadBalancers[0].AvailabilityZones {
		for _, a := range az.LoadBalancerAddresses {
			allocations = append(allocations, aws.ToString(a.AllocationId))
		}
	}
	addrs, err := ec2.NewFromConfig(e2e.AWS(t, url, region)).DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: allocations})
	if err != nil {
		t.Fatalf("%s: the NLB's Elastic IPs: %v", region, err)
	}
	var ips []string
	for _, a := range addrs.Addresses {
		ips = append(ips, aws.ToString(a.PublicIp))
	}
	if len(ips) == 0 {
		t.Fatalf("%s: NLB %s has no Elastic IP", region, name)
	}
	return slices.Sorted(slices.Values(ips))
}

// checkAnswer: the record answers with region's NLB addresses.
func checkAnswer(t *testing.T, emulator, zoneName, fqdn, app, region, when string) {
	t.Helper()
	got := dnsAnswer(t, emulator, zoneName, fqdn)
	if want := nlbAddresses(t, emulator, region, nlbName(app, region)); !slices.Equal(got, want) {
		t.Errorf("%s: %s answers %s, want %s's NLB %s", when, fqdn, strings.Join(got, ","), region, strings.Join(want, ","))
	}
}

// checkHealthCheckFails: the Route 53 health check named name reports
// failures from its checkers (GetHealthCheckStatus, asked of the emulator).
func checkHealthCheckFails(t *testing.T, emulator, name string) {
	t.Helper()
	ctx := context.Background()
	c := route53.NewFromConfig(e2e.AWS(t, emulator, "us-east-1"))
	checks, err := c.ListHealthChecks(ctx, &route53.ListHealthChecksInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, hc := range checks.HealthChecks {
		tags, err := c.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceId: hc.Id, ResourceType: r53types.TagResourceTypeHealthcheck})
		if err != nil {
			t.Fatal(err)
		}
		named := false
		for _, tag := range tags.ResourceTagSet.Tags {
			named = named || aws.ToString(tag.Key) == "Name" && aws.ToString(tag.Value) == name
		}
		if !named {
			continue
		}
		status, err := c.GetHealthCheckStatus(ctx, &route53.GetHealthCheckStatusInput{HealthCheckId: hc.Id})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range status.HealthCheckObservations {
			if r := aws.ToString(o.StatusReport.Status); !strings.HasPrefix(r, "Failure") {
				t.Errorf("health check %s: checker %s reports %q with its region down", name, o.Region, r)
			}
		}
		if len(status.HealthCheckObservations) == 0 {
			t.Errorf("health check %s: no observations", name)
		}
		return
	}
	t.Errorf("no health check named %s", name)
}
