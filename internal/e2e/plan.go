package e2e

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Change is one resource a plan would change.
type Change struct {
	Address    string
	Type       string
	Actions    []string
	Attributes []string // top-level attributes whose value would change
}

func (c Change) String() string {
	return fmt.Sprintf("%s %v %v", c.Address, c.Actions, c.Attributes)
}

// Plan plans a deployed stack and returns every resource change and every
// output change (outputs as Change with Type "output").
func (p *Project) Plan(t *testing.T, stack string) []Change {
	t.Helper()
	changes, err := p.TryPlan(t.TempDir(), stack)
	if err != nil {
		t.Fatal(err)
	}
	return changes
}

// TryPlan is Plan returning the error instead of failing the test (safe
// in a goroutine); the plan file goes to tmp.
func (p *Project) TryPlan(tmp, stack string) ([]Change, error) {
	planFile := filepath.Join(tmp, "plan.bin")
	if _, err := p.tryTerraform(stack, "plan", "-input=false", "-lock=false", "-no-color", "-out="+planFile); err != nil {
		return nil, fmt.Errorf("stack %s: terraform plan: %w", stack, err)
	}
	raw, err := p.tryTerraform(stack, "show", "-json", planFile)
	if err != nil {
		return nil, fmt.Errorf("stack %s: terraform show: %w", stack, err)
	}
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Type    string `json:"type"`
			Mode    string `json:"mode"`
			Change  struct {
				Actions      []string       `json:"actions"`
				Before       map[string]any `json:"before"`
				After        map[string]any `json:"after"`
				AfterUnknown map[string]any `json:"after_unknown"`
			} `json:"change"`
		} `json:"resource_changes"`
		OutputChanges map[string]struct {
			Actions []string `json:"actions"`
		} `json:"output_changes"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil {
		return nil, fmt.Errorf("stack %s: plan JSON: %w", stack, err)
	}
	var changes []Change
	for _, rc := range plan.ResourceChanges {
		if rc.Mode != "managed" || isNoop(rc.Change.Actions) {
			continue
		}
		changes = append(changes, Change{
			Address: rc.Address, Type: rc.Type, Actions: rc.Change.Actions,
			Attributes: changedAttributes(rc.Change.Before, rc.Change.After, rc.Change.AfterUnknown),
		})
	}
	for name, oc := range plan.OutputChanges {
		if !isNoop(oc.Actions) {
			changes = append(changes, Change{Address: "output." + name, Type: "output", Actions: oc.Actions})
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Address < changes[j].Address })
	return changes, nil
}

// AssertNoChanges re-plans each stack, side by side (plans only read), and
// fails on any change not explained by an entry of KnownGaps.
func (p *Project) AssertNoChanges(t *testing.T, stacks ...string) {
	t.Helper()
	type result struct {
		changes []Change
		err     error
	}
	results := make([]result, len(stacks))
	var wg sync.WaitGroup
	for i, stack := range stacks {
		tmp := t.TempDir()
		wg.Add(1)
		go func() {
			defer wg.Done()
			changes, err := p.TryPlan(tmp, stack)
			results[i] = result{changes, err}
		}()
	}
	wg.Wait()
	for i, stack := range stacks {
		if results[i].err != nil {
			t.Errorf("re-plan: %v", results[i].err)
			continue
		}
		var unexplained []string
		for _, c := range results[i].changes {
			if gap := explainedByGap(c); gap != "" {
				t.Logf("stack %s: %s (known emulator gap: %s)", stack, c, gap)
				continue
			}
			unexplained = append(unexplained, c.String())
		}
		if len(unexplained) > 0 {
			t.Errorf("stack %s: second plan is not empty:\n  %s", stack, strings.Join(unexplained, "\n  "))
		}
	}
}

func isNoop(actions []string) bool {
	return len(actions) == 0 || (len(actions) == 1 && (actions[0] == "no-op" || actions[0] == "read"))
}

func changedAttributes(before, after, unknown map[string]any) []string {
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []string
	for k := range keys {
		b, _ := json.Marshal(before[k])
		a, _ := json.Marshal(after[k])
		if string(a) != string(b) || unknown[k] != nil && unknown[k] != false {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
