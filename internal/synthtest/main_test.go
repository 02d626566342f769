package synthtest

import "testing"

func TestMain(m *testing.M) { Main(m) }

func TestUpdating(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "false": false, "1": true, "true": true} {
		t.Setenv(UpdateEnv, v)
		if got := Updating(); got != want {
			t.Errorf("%s=%q: Updating() = %v, want %v", UpdateEnv, v, got, want)
		}
	}
}
