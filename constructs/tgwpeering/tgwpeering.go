package tgwpeering

import (
	"sort"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

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
}

// Peering is one cross-region peering.
type Peering struct {
	// Requester and Accepter are region names; the requester is the one
	// listed later in Props.Regions.
	Requester, Accepter string
	// AttachmentId is the peering attachment's ID in the requester's stack.
	AttachmentId *string
}

// New validates props and builds a hub in each region's stack and a peering
// between every pair of regions. scope is usually the app: the mesh spans
// stacks. All problems are reported together, prefixed with the construct
// path, before any resource is created.
func New(scope constructs.Construct, id string, props Props) (*Mesh, error) {
	props = props.withDefaults(id)
	probs := validate.New(strings.TrimPrefix(*scope.Node().Path()+"/"+id, "/"))
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	m := &Mesh{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props}
	for _, r := range props.Regions {
		m.Hubs = append(m.Hubs, newHub(r, id, props))
	}
	// The later region requests: its stack then depends on the earlier
	// one's, the same direction as a cross-region read replica's dependency
	// on its primary, so the stacks deploy in config order without cycles.
	for j := range m.Hubs {
		for i := 0; i < j; i++ {
			m.Peerings = append(m.Peerings, m.peer(m.Hubs[j], m.Hubs[i]))
		}
	}
	return m, nil
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
