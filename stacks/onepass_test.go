package stacks

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// TestOnePassOrder: for 2, 3 and 5 regions, StackNames is an order in
// which every stack's dependencies come first (so one pass over it, or one
// `cdktf deploy` of all, builds everything), each peering's stack follows
// exactly its two regions, and a region stack follows no other region but
// a replica's writer and reads no other stack's state (so it deploys alone
// with any other region down).
func TestOnePassOrder(t *testing.T) {
	all := []string{"eu-central-1", "eu-west-1", "eu-north-1", "eu-south-1", "eu-west-3"}
	for _, n := range []int{2, 3, 5} {
		t.Run(fmt.Sprintf("%d regions", n), func(t *testing.T) {
			cfg := Config{App: "pay", Environment: "test", AccountId: "123456789012", Database: &Database{},
				Backend: Backend{Path: "/tmp/multiregion-test-state"}}
			for i, name := range all[:n] {
				role := "secondary"
				if i == 0 {
					role = "primary"
				}
				cfg.Regions = append(cfg.Regions, Region{Name: name, Role: role, Cidr: fmt.Sprintf("10.%d.0.0/16", 10*(i+1))})
			}
			stacks := synthtest.Synth(t, func(app cdktf.App) error { _, err := New(app, cfg); return err })
			order := StackNames(cfg)
			if got, want := strings.Join(stacks.Names(), ","), strings.Join(slices.Sorted(slices.Values(order)), ","); got != want {
				t.Fatalf("stacks %s, StackNames %s", got, want)
			}
			if pairs := len(order) - n - 1; pairs != n*(n-1)/2 {
				t.Errorf("%d peering stacks, want %d", pairs, n*(n-1)/2)
			}
			for i, name := range order {
				s := stacks.Get(t, name)
				for _, dep := range s.Dependencies {
					if !slices.Contains(order[:i], dep) {
						t.Errorf("%s depends on %s, which StackNames does not list before it", name, dep)
					}
				}
				switch {
				case strings.HasPrefix(name, "peering-"):
					var want []string
					for _, r := range all[:n] {
						if strings.Contains(name, "-"+r) {
							want = append(want, r)
						}
					}
					if slices.Sort(want); !slices.Equal(s.Dependencies, want) {
						t.Errorf("%s follows %v, want its two regions %v", name, s.Dependencies, want)
					}
				case slices.Contains(all, name):
					want := []string{IAMStackName}
					if name != all[0] {
						want = append(want, all[0]) // the replica's writer
					}
					if !slices.Equal(s.Dependencies, slices.Sorted(slices.Values(want))) {
						t.Errorf("%s follows %v, want %v", name, s.Dependencies, want)
					}
					for id, rs := range s.Data("terraform_remote_state") {
						// only its own: the credentials version it last deployed
						if path, _ := rs["config"].(map[string]any)["path"].(string); !strings.HasSuffix(path, "/"+name+".tfstate") {
							t.Errorf("%s reads another stack's state (%s: %s)", name, id, path)
						}
					}
				}
			}
		})
	}
}
