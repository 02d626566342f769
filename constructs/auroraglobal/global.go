package auroraglobal

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/rdsglobalcluster"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Global is the global cluster every member joins.
type Global struct {
	// Construct holds the resource.
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props GlobalProps
	// Identifier is the global cluster identifier, known at synth: members
	// in other stacks take it as GlobalClusterIdentifier.
	Identifier string
	// Id is the identifier as a reference: members in this stack take it,
	// so Terraform creates the global cluster first and deletes it last.
	Id *string
	// Arn is the global cluster's ARN.
	Arn      *string
	Resource rdsglobalcluster.RdsGlobalCluster
}

// NewGlobal validates props and creates the global cluster: empty,
// encrypted (each member with its own region's key), its engine and
// version those of every member. It belongs in one region's stack, usually
// the origin's; its API is regional, so deploy that stack while its region
// is up (a failover does not need it).
func NewGlobal(scope constructs.Construct, id string, props GlobalProps) (*Global, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	g := &Global{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props, Identifier: props.Name}
	g.Resource = rdsglobalcluster.NewRdsGlobalCluster(g.Construct, jsii.String("global-cluster"), &rdsglobalcluster.RdsGlobalClusterConfig{
		GlobalClusterIdentifier: jsii.String(props.Name),
		Engine:                  jsii.String(engine),
		EngineVersion:           jsii.String(props.EngineVersion),
		StorageEncrypted:        true,
		DeletionProtection:      !props.DisableDeletionProtection,
	})
	g.Id, g.Arn = g.Resource.Id(), g.Resource.Arn()
	return g, nil
}

const engine = "aurora-postgresql"
