package e2e

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func signed(t *testing.T, url, region, service, body string, target string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261101/"+region+"/"+service+"/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestOutageProxy(t *testing.T) {
	var seen, unreachable []string
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.URL.Path == "/_multiregion/unreachable" { // the emulator's fault control
			unreachable = append(unreachable, string(b))
			return
		}
		seen = append(seen, string(b)) // the proxy must forward the body intact
		w.WriteHeader(http.StatusOK)
	}))
	defer backend.Close()
	o := StartOutage(t, backend.URL)

	if r := signed(t, o.URL, "us-east-1", "rds", "Action=DescribeDBInstances", ""); r.StatusCode != 200 {
		t.Fatalf("no outage yet: status %d", r.StatusCode)
	}
	o.Down("us-east-1")
	r := signed(t, o.URL, "us-east-1", "rds", "Action=DescribeDBInstances&Version=2014-10-31", "")
	msg, _ := io.ReadAll(r.Body)
	if r.StatusCode != http.StatusForbidden || !strings.Contains(string(msg), "us-east-1 is down") {
		t.Errorf("primary-region call: status %d %q, want 403 naming the outage", r.StatusCode, msg)
	}
	if r := signed(t, o.URL, "us-west-2", "rds", "Action=PromoteReadReplica", ""); r.StatusCode != 200 {
		t.Errorf("secondary-region call refused: %d", r.StatusCode)
	}
	if r := signed(t, o.URL, "us-east-1", "kms", "{}", "TrentService.DescribeKey"); r.StatusCode != http.StatusForbidden {
		t.Errorf("JSON-protocol call in the down region: status %d, want 403", r.StatusCode)
	}
	// IAM and Route 53 are served from us-east-1, whatever signs them.
	if r := signed(t, o.URL, "us-west-2", "iam", "Action=GetUser", ""); r.StatusCode != http.StatusForbidden {
		t.Errorf("IAM signed for us-west-2 during a us-east-1 outage: status %d, want 403", r.StatusCode)
	}
	if r := signed(t, o.URL, "eu-west-1", "route53", "", ""); r.StatusCode != http.StatusForbidden {
		t.Errorf("Route 53 during a us-east-1 outage: status %d, want 403", r.StatusCode)
	}
	// Global Accelerator's API lives in us-west-2: up.
	if r := signed(t, o.URL, "us-west-2", "globalaccelerator", "{}", "GlobalAccelerator_V20180706.ListAccelerators"); r.StatusCode != 200 {
		t.Errorf("Global Accelerator during a us-east-1 outage: status %d", r.StatusCode)
	}
	if got, want := strings.Join(o.Blocked(), ","), "rds us-east-1 DescribeDBInstances,kms us-east-1 DescribeKey,iam us-west-2 GetUser,route53 eu-west-1 POST /"; got != want {
		t.Errorf("blocked = %s, want %s", got, want)
	}
	if seen[len(seen)-1] != "{}" {
		t.Errorf("forwarded body = %q", seen[len(seen)-1])
	}
	o.Down("us-west-2")
	if r := signed(t, o.URL, "us-east-1", "globalaccelerator", "{}", "GlobalAccelerator_V20180706.ListAccelerators"); r.StatusCode != http.StatusForbidden {
		t.Errorf("Global Accelerator during a us-west-2 outage: status %d, want 403", r.StatusCode)
	}
	if r := signed(t, o.URL, "us-east-1", "iam", "Action=GetRole", ""); r.StatusCode != 200 {
		t.Errorf("IAM during a us-west-2 outage: status %d", r.StatusCode)
	}
	unsigned, err := http.Post(o.URL+"/", "application/x-www-form-urlencoded", strings.NewReader("Action=DescribeDBInstances"))
	if err != nil {
		t.Fatal(err)
	}
	unsigned.Body.Close()
	if unsigned.StatusCode != http.StatusForbidden {
		t.Errorf("an unsigned request during an outage: status %d, want 403", unsigned.StatusCode)
	}
	o.Up()
	if r := signed(t, o.URL, "us-east-1", "rds", "Action=DescribeDBInstances", ""); r.StatusCode != 200 {
		t.Errorf("after the outage: status %d", r.StatusCode)
	}
	// Route 53's health checkers lose the downed region's endpoints too.
	want := `{"regions":["us-east-1"]},{"regions":["us-west-2"]},{"regions":[]}`
	if got := strings.Join(unreachable, ","); got != want {
		t.Errorf("emulator told %s, want %s", got, want)
	}
}
