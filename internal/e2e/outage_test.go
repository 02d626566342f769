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
	var seen []string
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
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
	if r := signed(t, o.URL, "us-east-1", "iam", "Action=GetRole&RoleName=x", ""); r.StatusCode != 200 {
		t.Errorf("global IAM call refused: %d", r.StatusCode)
	}
	if got, want := strings.Join(o.Blocked(), ","), "rds us-east-1 DescribeDBInstances,kms us-east-1 DescribeKey"; got != want {
		t.Errorf("blocked = %s, want %s", got, want)
	}
	if got := o.GlobalCalls(); len(got) != 1 || got[0] != "iam us-east-1 GetRole" || !IsRead(got[0]) {
		t.Errorf("global calls = %v, want one IAM read", got)
	}
	if IsRead("iam us-east-1 CreateRole") {
		t.Error("CreateRole is not a read")
	}
	if seen[len(seen)-1] != "Action=GetRole&RoleName=x" {
		t.Errorf("forwarded body = %q", seen[len(seen)-1])
	}
	o.Up()
	if r := signed(t, o.URL, "us-east-1", "rds", "Action=DescribeDBInstances", ""); r.StatusCode != 200 {
		t.Errorf("after the outage: status %d", r.StatusCode)
	}
}
