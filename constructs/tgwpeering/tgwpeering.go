package tgwpeering

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Mesh is the set of regional hubs and the peerings between every pair.
type Mesh struct {
	// Construct is the mesh's own node (under the scope given to New). It
	// holds no resources: each hub lives in its region's stack.
	Construct constructs.Construct

	// Props are the resolved props (defaults applied).
	Props Props

	// Hubs has one hub per region, in the order of Props.Regions.
	Hubs []*Hub

	// Peerings has one entry per pair of regions: for each region in the
	// order of Props.Regions, its peerings with the regions listed before it.
	Peerings []*Peering

	id string
}

// New validates props and builds a hub in each region's stack and a peering
// between every pair of regions, each in its own stack (Props.PairStack).
// scope is usually the app: the mesh spans stacks. All problems are
// reported together, prefixed with the construct path, before any
// resource is created.
func New(scope constructs.Construct, id string, props Props) (*Mesh, error) {
	props = props.withDefaults(id)
	probs := validate.New(strings.TrimPrefix(*scope.Node().Path()+"/"+id, "/"))
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	pairs, err := props.pairStacks(probs)
	if err != nil {
		return nil, err
	}
	m := &Mesh{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props, id: id}
	for _, r := range props.Regions {
		m.Hubs = append(m.Hubs, newHub(r, id, props))
	}
	for _, ps := range pairs {
		m.Peerings = append(m.Peerings, m.peer(m.Hubs[ps.requester], m.Hubs[ps.accepter], ps.PairStack))
	}
	return m, nil
}

// pair is a peering's two regions, by index in Props.Regions.
type pair struct{ requester, accepter int }

// pairs lists every pair of regions: for each region in order, its pairs
// with the regions listed before it (the later region requests).
func (p Props) pairs() []pair {
	var out []pair
	for j := range p.Regions {
		for i := 0; i < j; i++ {
			out = append(out, pair{j, i})
		}
	}
	return out
}

// pairStacks gets every peering's stack from p.PairStack, reporting what
// it returns wrong; the result is in pairs() order.
func (p Props) pairStacks(probs *validate.Problems) (pairStacks, error) {
	var out pairStacks
	regionStacks := map[cdktf.TerraformStack]bool{}
	for _, r := range p.Regions {
		regionStacks[r.Stack] = true
	}
	for _, k := range p.pairs() {
		req, acc := p.Regions[k.requester].Name, p.Regions[k.accepter].Name
		at := fmt.Sprintf("PairStack(%q, %q)", req, acc)
		s, err := p.PairStack(req, acc)
		switch {
		case err != nil:
			probs.Addf(at, "%v", err)
		case s.Stack == nil || s.Requester == nil || s.Accepter == nil:
			probs.Addf(at, "must return a Stack and both providers")
		case regionStacks[s.Stack]:
			probs.Addf(at, "returned a region's stack; a peering needs its own stack, so that no region's deploy calls another region's API")
		default:
			checkProviderRegion(probs, at+".Requester", s.Requester, req)
			checkProviderRegion(probs, at+".Accepter", s.Accepter, acc)
		}
		out = append(out, pairStack{k, s})
	}
	return out, probs.Err()
}

// Hub returns the hub of the named region, or nil.
func (m *Mesh) Hub(region string) *Hub {
	for _, h := range m.Hubs {
		if h.Region.Name == region {
			return h
		}
	}
	return nil
}

// clientsOf returns the clients homed in region, sorted by name so
// construct IDs and output never depend on input order.
func clientsOf(clients []Client, region string) []Client {
	var out []Client
	for _, c := range clients {
		if c.Region == region {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func nameTag(name string) *map[string]*string {
	return &map[string]*string{"Name": jsii.String(name)}
}

type pairStack struct {
	pair
	PairStack
}

type pairStacks []pairStack

// checkProviderRegion reports an AWS provider configured for another
// region than the side it serves.
func checkProviderRegion(probs *validate.Problems, at string, p cdktf.TerraformProvider, region string) {
	aws, ok := p.(provider.AwsProvider)
	if !ok {
		probs.Addf(at, "must be an AWS provider")
		return
	}
	if r := aws.Region(); r != nil && !*cdktf.Token_IsUnresolved(r) && *r != region {
		probs.Addf(at, "is for region %q, want %q", *r, region)
	}
}
