package failovernlb

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53healthcheck"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53recoverycontrolconfigcluster"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53recoverycontrolconfigcontrolpanel"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53recoverycontrolconfigroutingcontrol"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53recoverycontrolconfigsafetyrule"

	"github.com/multiregion-iac/multiregion/internal/tfexpr"
)

// safetyRuleWaitMs is how long ARC waits after a routing control change
// before it evaluates the safety rule (AWS's console default).
const safetyRuleWaitMs = 5000

// addRoutingControls creates the ARC control plane objects: the cluster
// (unless one is given), a control panel, one routing control per region,
// a safety rule that keeps at least one of them on, and one
// RECOVERY_CONTROL health check per region, which the failover records
// follow. Routing controls are created off: turn them on through the
// cluster endpoints after the first deploy (docs/runbook.md).
func (g *Global) addRoutingControls() {
	rc := g.Props.RoutingControl
	clusterArn := jsii.String(rc.ClusterArn)
	if rc.ClusterArn == "" {
		cluster := route53recoverycontrolconfigcluster.NewRoute53RecoverycontrolconfigCluster(g.Construct, jsii.String("arc-cluster"),
			&route53recoverycontrolconfigcluster.Route53RecoverycontrolconfigClusterConfig{Name: jsii.String(rc.Name)})
		clusterArn = cluster.Arn()
		g.ClusterEndpoints = jsii.String(tfexpr.Interp(tfexpr.Attr(tfexpr.Address(cluster), "", "cluster_endpoints")))
	}
	g.ClusterArn = clusterArn
	panel := route53recoverycontrolconfigcontrolpanel.NewRoute53RecoverycontrolconfigControlPanel(g.Construct, jsii.String("arc-control-panel"),
		&route53recoverycontrolconfigcontrolpanel.Route53RecoverycontrolconfigControlPanelConfig{ClusterArn: clusterArn, Name: jsii.String(rc.Name)})
	var controls []*string
	for _, e := range g.Props.Endpoints {
		control := route53recoverycontrolconfigroutingcontrol.NewRoute53RecoverycontrolconfigRoutingControl(g.Construct, jsii.String("arc-routing-control-"+e.Region),
			&route53recoverycontrolconfigroutingcontrol.Route53RecoverycontrolconfigRoutingControlConfig{
				ClusterArn: clusterArn, ControlPanelArn: panel.Arn(), Name: jsii.String(rc.Name + "-" + e.Region),
			})
		controls = append(controls, control.Arn())
		g.RoutingControlArns[e.Region] = control.Arn()
		hc := route53healthcheck.NewRoute53HealthCheck(g.Construct, jsii.String("arc-health-check-"+e.Region), &route53healthcheck.Route53HealthCheckConfig{
			Type:              jsii.String("RECOVERY_CONTROL"),
			RoutingControlArn: control.Arn(),
			Tags:              nameTag(rc.Name + "-" + e.Region + "-routing-control"),
		})
		g.RoutingControlHealthCheckIds[e.Region] = hc.Id()
	}
	// An assertion rule: a change that would leave fewer than one control
	// on is refused, so no flip can take every region out of DNS.
	route53recoverycontrolconfigsafetyrule.NewRoute53RecoverycontrolconfigSafetyRule(g.Construct, jsii.String("arc-safety-rule"),
		&route53recoverycontrolconfigsafetyrule.Route53RecoverycontrolconfigSafetyRuleConfig{
			ControlPanelArn:  panel.Arn(),
			Name:             jsii.String(rc.Name + "-at-least-one-on"),
			AssertedControls: &controls,
			RuleConfig: &route53recoverycontrolconfigsafetyrule.Route53RecoverycontrolconfigSafetyRuleRuleConfig{
				Inverted: false, Threshold: jsii.Number(1), Type: jsii.String("ATLEAST"),
			},
			WaitPeriodMs: jsii.Number(safetyRuleWaitMs),
		})
}

// recordHealthCheck is the health check a region's failover record
// follows: its routing control's in ARC mode, else its TCP check.
func (g *Global) recordHealthCheck(region string) *string {
	if id, ok := g.RoutingControlHealthCheckIds[region]; ok {
		return id
	}
	return g.HealthCheckIds[region]
}
