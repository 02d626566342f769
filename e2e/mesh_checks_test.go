package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

// meshWant is what a deployed Transit Gateway mesh must look like.
type meshWant struct {
	app     string // the app tag and Name-tag prefix
	regions []meshRegion
	clients []meshClient
}

type meshRegion struct {
	name, cidr string
	asn        int64
}

type meshClient struct {
	name, region string
	cidrs        []string
}

// meshOfConfig is the mesh the reference app's config describes.
func meshOfConfig(cfg *stacks.Config) meshWant {
	w := meshWant{app: cfg.App}
	for i, r := range cfg.Regions {
		asn := r.TransitGatewayAsn
		if asn == 0 { // the construct's documented default
			asn = tgwpeering.DefaultAsnBase + i
		}
		w.regions = append(w.regions, meshRegion{r.Name, r.Cidr, int64(asn)})
	}
	for _, c := range cfg.Clients {
		w.clients = append(w.clients, meshClient{c.Name, c.Region, c.Cidrs})
	}
	return w
}

// checkMesh checks, in every region: the Transit Gateway and its options,
// an available peering attachment with every other region, static TGW
// routes to every other region's CIDR through a peering attachment, VPC
// routes to the other regions and to every client through the local TGW,
// and an available VPN connection on the TGW for each local client.
func checkMesh(t *testing.T, url string, w meshWant) {
	t.Helper()
	for _, r := range w.regions {
		c := ec2.NewFromConfig(e2e.AWS(t, url, r.name))
		tgw := appTransitGateway(t, c, r.name, w.app)
		if tgw == nil {
			continue
		}
		o := tgw.Options
		if aws.ToInt64(o.AmazonSideAsn) != r.asn || o.DefaultRouteTableAssociation != ec2types.DefaultRouteTableAssociationValueDisable ||
			o.DefaultRouteTablePropagation != ec2types.DefaultRouteTablePropagationValueDisable || o.DnsSupport != ec2types.DnsSupportValueEnable {
			t.Errorf("%s: TGW options asn=%d association=%s propagation=%s dns=%s, want asn %d, both disabled, dns enabled",
				r.name, aws.ToInt64(o.AmazonSideAsn), o.DefaultRouteTableAssociation, o.DefaultRouteTablePropagation, o.DnsSupport, r.asn)
		}
		peerings := peeringsByRemoteRegion(t, c, r.name, aws.ToString(tgw.TransitGatewayId))
		for _, other := range w.regions {
			if other.name == r.name {
				continue
			}
			if peerings[other.name] == "" {
				t.Errorf("%s: no available peering attachment with %s (have %v)", r.name, other.name, peerings)
			}
			checkTgwRoute(t, c, r.name, w.app+"-"+r.name+"-vpc", other.cidr, peerings[other.name])
		}
		var dests []string
		for _, other := range w.regions {
			if other.name != r.name {
				dests = append(dests, other.cidr)
			}
		}
		for _, cl := range w.clients {
			dests = append(dests, cl.cidrs...)
		}
		checkVpcRoutes(t, c, r.name, w.app, aws.ToString(tgw.TransitGatewayId), dests)
		checkVpns(t, c, r.name, w, aws.ToString(tgw.TransitGatewayId))
	}
}

func appTransitGateway(t *testing.T, c *ec2.Client, region, app string) *ec2types.TransitGateway {
	t.Helper()
	out, err := c.DescribeTransitGateways(context.Background(), &ec2.DescribeTransitGatewaysInput{
		Filters: []ec2types.Filter{{Name: aws.String("tag:app"), Values: []string{app}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var live []ec2types.TransitGateway
	for _, g := range out.TransitGateways {
		if g.State != ec2types.TransitGatewayStateDeleted {
			live = append(live, g)
		}
	}
	if len(live) != 1 {
		t.Errorf("%s: %d transit gateways tagged app=%s, want 1", region, len(live), app)
		return nil
	}
	return &live[0]
}

// peeringsByRemoteRegion maps each peer region to the ID of an available
// peering attachment of tgwID.
func peeringsByRemoteRegion(t *testing.T, c *ec2.Client, region, tgwID string) map[string]string {
	t.Helper()
	out, err := c.DescribeTransitGatewayPeeringAttachments(context.Background(), &ec2.DescribeTransitGatewayPeeringAttachmentsInput{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range out.TransitGatewayPeeringAttachments {
		if a.State != ec2types.TransitGatewayAttachmentStateAvailable {
			continue
		}
		req, acc := a.RequesterTgwInfo, a.AccepterTgwInfo
		if req == nil || acc == nil {
			t.Errorf("%s: peering attachment %s without requester or accepter info", region, aws.ToString(a.TransitGatewayAttachmentId))
			continue
		}
		switch {
		case aws.ToString(req.TransitGatewayId) == tgwID:
			got[aws.ToString(acc.Region)] = aws.ToString(a.TransitGatewayAttachmentId)
		case aws.ToString(acc.TransitGatewayId) == tgwID:
			got[aws.ToString(req.Region)] = aws.ToString(a.TransitGatewayAttachmentId)
		}
	}
	return got
}

// checkTgwRoute checks an active static route to cidr through attachment
// in the TGW route table named table.
func checkTgwRoute(t *testing.T, c *ec2.Client, region, table, cidr, attachment string) {
	t.Helper()
	ctx := context.Background()
	rts, err := c.DescribeTransitGatewayRouteTables(ctx, &ec2.DescribeTransitGatewayRouteTablesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var rtID string
	for _, rt := range rts.TransitGatewayRouteTables {
		for _, tag := range rt.Tags {
			if aws.ToString(tag.Key) == "Name" && aws.ToString(tag.Value) == table && rt.State != ec2types.TransitGatewayRouteTableStateDeleted {
				rtID = aws.ToString(rt.TransitGatewayRouteTableId)
			}
		}
	}
	if rtID == "" {
		t.Errorf("%s: no TGW route table named %s", region, table)
		return
	}
	routes, err := c.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{
		TransitGatewayRouteTableId: aws.String(rtID),
		Filters:                    []ec2types.Filter{{Name: aws.String("type"), Values: []string{"static"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range routes.Routes {
		if aws.ToString(r.DestinationCidrBlock) != cidr {
			continue
		}
		for _, a := range r.TransitGatewayAttachments {
			if aws.ToString(a.TransitGatewayAttachmentId) == attachment && r.State == ec2types.TransitGatewayRouteStateActive {
				return
			}
		}
		t.Errorf("%s: TGW route %s in %s is %s via %+v, want active via %s", region, cidr, table, r.State, r.TransitGatewayAttachments, attachment)
		return
	}
	t.Errorf("%s: no static TGW route to %s in %s", region, cidr, table)
}

// checkVpcRoutes checks that every private route table of the app's VPC
// sends each destination to the TGW.
func checkVpcRoutes(t *testing.T, c *ec2.Client, region, app, tgwID string, dests []string) {
	t.Helper()
	rts, err := c.DescribeRouteTables(context.Background(), &ec2.DescribeRouteTablesInput{
		Filters: []ec2types.Filter{{Name: aws.String("tag:app"), Values: []string{app}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	private := 0
	for _, rt := range rts.RouteTables {
		if !hasNameSuffix(rt.Tags, "-private-0", "-private-1", "-private-2") {
			continue
		}
		private++
		routes := map[string]string{}
		for _, r := range rt.Routes {
			routes[aws.ToString(r.DestinationCidrBlock)] = aws.ToString(r.TransitGatewayId)
		}
		for _, d := range dests {
			if routes[d] != tgwID {
				t.Errorf("%s: private route table %s sends %s to %q, want the TGW %s", region, aws.ToString(rt.RouteTableId), d, routes[d], tgwID)
			}
		}
	}
	if private == 0 {
		t.Errorf("%s: no private route tables tagged app=%s", region, app)
	}
}

func checkVpns(t *testing.T, c *ec2.Client, region string, w meshWant, tgwID string) {
	t.Helper()
	out, err := c.DescribeVpnConnections(context.Background(), &ec2.DescribeVpnConnectionsInput{
		Filters: []ec2types.Filter{{Name: aws.String("tag:app"), Values: []string{w.app}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]ec2types.VpnConnection{}
	for _, v := range out.VpnConnections {
		if v.State != ec2types.VpnStateDeleted {
			byName[tagValue(v.Tags, "Name")] = v
		}
	}
	want := 0
	for _, cl := range w.clients {
		if cl.region != region {
			continue
		}
		want++
		v, ok := byName[w.app+"-"+region+"-"+cl.name]
		if !ok {
			t.Errorf("%s: no VPN connection for client %s (have %d)", region, cl.name, len(byName))
			continue
		}
		if aws.ToString(v.TransitGatewayId) != tgwID {
			t.Errorf("%s: client %s's VPN is on TGW %q, want %s", region, cl.name, aws.ToString(v.TransitGatewayId), tgwID)
		}
		checkTunnelLogs(t, region, cl.name, v, ":log-group:"+tgwpeering.TunnelLogGroupName(w.app))
	}
	if len(byName) != want {
		t.Errorf("%s: %d VPN connections, want %d", region, len(byName), want)
	}
}

// checkTunnelLogs checks that both tunnels of a client's VPN log, in json,
// to the region's tunnel log group (the construct's default).
func checkTunnelLogs(t *testing.T, region, client string, v ec2types.VpnConnection, groupSuffix string) {
	t.Helper()
	if v.Options == nil || len(v.Options.TunnelOptions) != 2 {
		t.Errorf("%s: client %s's VPN does not have two tunnels: %+v", region, client, v.Options)
		return
	}
	for i, tunnel := range v.Options.TunnelOptions {
		var cw ec2types.CloudWatchLogOptions
		if tunnel.LogOptions != nil && tunnel.LogOptions.CloudWatchLogOptions != nil {
			cw = *tunnel.LogOptions.CloudWatchLogOptions
		}
		arn := strings.TrimSuffix(aws.ToString(cw.LogGroupArn), ":*")
		if !aws.ToBool(cw.LogEnabled) || aws.ToString(cw.LogOutputFormat) != tgwpeering.TunnelLogFormat ||
			!strings.HasPrefix(arn, "arn:aws:logs:"+region+":") || !strings.HasSuffix(arn, groupSuffix) {
			t.Errorf("%s: client %s's tunnel %d logs enabled=%v format=%q group=%q, want json to ...%s",
				region, client, i+1, aws.ToBool(cw.LogEnabled), aws.ToString(cw.LogOutputFormat), arn, groupSuffix)
		}
	}
}

// checkMeshGone checks that no transit gateway or VPN of the app is left.
func checkMeshGone(t *testing.T, url string, w meshWant) {
	t.Helper()
	ctx := context.Background()
	tag := []ec2types.Filter{{Name: aws.String("tag:app"), Values: []string{w.app}}}
	for _, r := range w.regions {
		c := ec2.NewFromConfig(e2e.AWS(t, url, r.name))
		tgws, err := c.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{Filters: tag})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range tgws.TransitGateways {
			if g.State != ec2types.TransitGatewayStateDeleted {
				t.Errorf("%s: TGW %s left after destroy (%s)", r.name, aws.ToString(g.TransitGatewayId), g.State)
			}
		}
		vpns, err := c.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{Filters: tag})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vpns.VpnConnections {
			if v.State != ec2types.VpnStateDeleted {
				t.Errorf("%s: VPN %s left after destroy (%s)", r.name, aws.ToString(v.VpnConnectionId), v.State)
			}
		}
		peerings, err := c.DescribeTransitGatewayPeeringAttachments(ctx, &ec2.DescribeTransitGatewayPeeringAttachmentsInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range peerings.TransitGatewayPeeringAttachments {
			if s := a.State; s != ec2types.TransitGatewayAttachmentStateDeleted && s != ec2types.TransitGatewayAttachmentStateDeleting {
				t.Errorf("%s: peering attachment %s left after destroy (%s)", r.name, aws.ToString(a.TransitGatewayAttachmentId), s)
			}
		}
		if vpcs := appVpcs(t, url, r.name, w.app); len(vpcs) != 0 {
			t.Errorf("%s: %d VPCs left after destroy", r.name, len(vpcs))
		}
	}
}

func tagValue(tags []ec2types.Tag, key string) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == key {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

func hasNameSuffix(tags []ec2types.Tag, suffixes ...string) bool {
	name := tagValue(tags, "Name")
	for _, s := range suffixes {
		if len(name) >= len(s) && name[len(name)-len(s):] == s {
			return true
		}
	}
	return false
}
