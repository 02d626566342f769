package e2e

import (
	"context"
	"os/exec"
	"strconv"
)

// Priority is the CPU niceness increment of every process a test starts
// (its emulator, cdktf, Terraform and the AWS provider, its runbook shells).
//
// Only the critical path is raised; no test is lowered: on a saturated
// 2-CPU machine a niced AWS provider misses Terraform's one-minute plugin
// start timeout ("timeout while waiting for plugin to start"), and a
// raised one leaves the others at the usual share.
type Priority int

const (
	// Normal is the usual priority.
	Normal Priority = 0
	// CriticalPath is for the test whose run is the longest (the suite
	// ends when it does). Raising it needs root; elsewhere nice warns and
	// runs the command at the usual priority.
	CriticalPath Priority = -5
)

// Command is exec.CommandContext at priority prio.
func (prio Priority) Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	if prio == Normal {
		return exec.CommandContext(ctx, name, args...)
	}
	return exec.CommandContext(ctx, "nice", append([]string{"-n", strconv.Itoa(int(prio)), name}, args...)...)
}
