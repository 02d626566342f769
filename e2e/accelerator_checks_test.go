package e2e

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	ga "github.com/aws/aws-sdk-go-v2/service/globalaccelerator"
	gatypes "github.com/aws/aws-sdk-go-v2/service/globalaccelerator/types"

	"github.com/multiregion-iac/multiregion/internal/e2e"
)

// acceleratorWant is a deployed accelerator as the failovernlb construct
// builds it: one TCP listener on the balancers' ports, an endpoint group
// per region holding that region's NLB, the primary's dial at 100 and the
// others at 0.
type acceleratorWant struct {
	name     string
	app      string // the NLBs are named after it (nlbName)
	ports    []int32
	dials    map[string]float32 // region -> traffic dial
	flowLogs bool
}

// gaClient talks to Global Accelerator's API, which AWS serves from
// us-west-2 only.
func gaClient(t *testing.T, url string) *ga.Client {
	return ga.NewFromConfig(e2e.AWS(t, url, "us-west-2"))
}

// accelerators returns the account's accelerators named name.
func accelerators(t *testing.T, url, name string) []gatypes.Accelerator {
	t.Helper()
	out, err := gaClient(t, url).ListAccelerators(context.Background(), &ga.ListAcceleratorsInput{})
	if err != nil {
		t.Fatalf("ListAccelerators: %v", err)
	}
	var found []gatypes.Accelerator
	for _, a := range out.Accelerators {
		if aws.ToString(a.Name) == name {
			found = append(found, a)
		}
	}
	return found
}

// checkAccelerator checks the accelerator, its attributes, its listener
// and its endpoint groups through the Global Accelerator API.
func checkAccelerator(t *testing.T, url string, w acceleratorWant) {
	t.Helper()
	ctx := context.Background()
	c := gaClient(t, url)
	found := accelerators(t, url, w.name)
	if len(found) != 1 {
		t.Fatalf("%d accelerators named %s, want 1", len(found), w.name)
	}
	acc := found[0]
	if !aws.ToBool(acc.Enabled) || acc.Status != gatypes.AcceleratorStatusDeployed || acc.IpAddressType != gatypes.IpAddressTypeIpv4 {
		t.Errorf("accelerator %s: enabled %v, status %s, IP type %s; want enabled, DEPLOYED, IPV4", w.name, aws.ToBool(acc.Enabled), acc.Status, acc.IpAddressType)
	}
	if len(acc.IpSets) != 1 || len(acc.IpSets[0].IpAddresses) != 2 {
		t.Errorf("accelerator %s: IP sets %+v, want one set of two static IPs", w.name, acc.IpSets)
	}
	attrs, err := c.DescribeAcceleratorAttributes(ctx, &ga.DescribeAcceleratorAttributesInput{AcceleratorArn: acc.AcceleratorArn})
	if err != nil {
		t.Fatalf("DescribeAcceleratorAttributes: %v", err)
	}
	if got := aws.ToBool(attrs.AcceleratorAttributes.FlowLogsEnabled); got != w.flowLogs {
		t.Errorf("accelerator %s: flow logs %v, want %v", w.name, got, w.flowLogs)
	}
	if w.flowLogs && aws.ToString(attrs.AcceleratorAttributes.FlowLogsS3Bucket) == "" {
		t.Errorf("accelerator %s: flow logs on without a bucket", w.name)
	}
	listeners, err := c.ListListeners(ctx, &ga.ListListenersInput{AcceleratorArn: acc.AcceleratorArn})
	if err != nil {
		t.Fatalf("ListListeners: %v", err)
	}
	if len(listeners.Listeners) != 1 {
		t.Fatalf("accelerator %s: %d listeners, want 1", w.name, len(listeners.Listeners))
	}
	l := listeners.Listeners[0]
	var ports []int32
	for _, r := range l.PortRanges {
		if aws.ToInt32(r.FromPort) != aws.ToInt32(r.ToPort) {
			t.Errorf("listener port range %d-%d, want single ports", aws.ToInt32(r.FromPort), aws.ToInt32(r.ToPort))
		}
		ports = append(ports, aws.ToInt32(r.FromPort))
	}
	if l.Protocol != gatypes.ProtocolTcp || l.ClientAffinity != gatypes.ClientAffinityNone || !slices.Equal(ports, w.ports) {
		t.Errorf("listener: %s, affinity %s, ports %v; want TCP, NONE, %v", l.Protocol, l.ClientAffinity, ports, w.ports)
	}
	groups, err := c.ListEndpointGroups(ctx, &ga.ListEndpointGroupsInput{ListenerArn: l.ListenerArn})
	if err != nil {
		t.Fatalf("ListEndpointGroups: %v", err)
	}
	if len(groups.EndpointGroups) != len(w.dials) {
		t.Errorf("%d endpoint groups, want one per region (%d)", len(groups.EndpointGroups), len(w.dials))
	}
	for _, g := range groups.EndpointGroups {
		region := aws.ToString(g.EndpointGroupRegion)
		want, ok := w.dials[region]
		if !ok {
			t.Errorf("endpoint group in %s, a region the app does not have", region)
			continue
		}
		if got := aws.ToFloat32(g.TrafficDialPercentage); got != want {
			t.Errorf("%s: traffic dial %v, want %v", region, got, want)
		}
		nlb := nlbArn(t, url, region, nlbName(w.app, region))
		if len(g.EndpointDescriptions) != 1 || aws.ToString(g.EndpointDescriptions[0].EndpointId) != nlb {
			t.Errorf("%s: endpoints %+v, want the region's NLB %s", region, g.EndpointDescriptions, nlb)
			continue
		}
		if e := g.EndpointDescriptions[0]; aws.ToInt32(e.Weight) != 100 || !aws.ToBool(e.ClientIPPreservationEnabled) {
			t.Errorf("%s: endpoint weight %d, client IP preservation %v; want 100, on", region, aws.ToInt32(e.Weight), aws.ToBool(e.ClientIPPreservationEnabled))
		}
	}
}

// checkAcceleratorGone: no accelerator named name is left.
func checkAcceleratorGone(t *testing.T, url, name string) {
	t.Helper()
	if n := len(accelerators(t, url, name)); n != 0 {
		t.Errorf("%d accelerators named %s left after destroy", n, name)
	}
}

func nlbArn(t *testing.T, url, region, name string) string {
	t.Helper()
	out, err := elb.NewFromConfig(e2e.AWS(t, url, region)).DescribeLoadBalancers(context.Background(), &elb.DescribeLoadBalancersInput{Names: []string{name}})
	if err != nil || len(out.LoadBalancers) != 1 {
		t.Fatalf("%s: load balancer %s: %v", region, name, err)
	}
	return aws.ToString(out.LoadBalancers[0].LoadBalancerArn)
}
