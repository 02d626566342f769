package e2e

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

// threeRegionMesh is what examples/three-region-mesh declares.
var threeRegionMesh = meshWant{
	app: "three-region-mesh",
	regions: []meshRegion{
		{"us-east-1", "10.10.0.0/16", 64512},
		{"us-west-2", "10.20.0.0/16", 64513},
		{"eu-west-1", "10.30.0.0/16", 64514},
	},
	clients: []meshClient{
		{"acme", "us-east-1", []string{"172.16.0.0/20"}},
		{"globex", "eu-west-1", []string{"192.168.0.0/22"}},
	},
}

// TestThreeRegionMeshExample deploys examples/three-region-mesh with the
// cdktf CLI, its state in an S3 bucket (S3-native locking) in a fourth
// region: one deploy of every stack (the regions, then each peering's
// stack), checks the mesh through the EC2 API, re-plans expecting no
// changes, destroys and checks that nothing is left.
func TestThreeRegionMeshExample(t *testing.T) {
	e2e.Enabled(t)
	t.Parallel() // subprocesses only: no jsii in this test binary
	waitForReferenceChecks(t)
	url := e2e.StartEmulator(t, e2e.Normal)
	const bucket, prefix = "mesh-tfstate-e2e", "mesh/e2e"
	s3c := s3.NewFromConfig(e2e.AWS(t, url, "eu-central-1"), func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := s3c.CreateBucket(context.Background(), &s3.CreateBucketInput{
		Bucket:                    aws.String(bucket),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraintEuCentral1},
	}); err != nil {
		t.Fatal(err)
	}
	p := e2e.NewProject(t, "examples/three-region-mesh", url,
		"MESH_ENDPOINT="+url, "MESH_STATE_BUCKET="+bucket, "MESH_STATE_REGION=eu-central-1", "MESH_STATE_PREFIX="+prefix)
	names := threeRegionMesh.stackNames()
	destroyed := false
	t.Cleanup(func() {
		if !destroyed {
			p.Destroy(t, names...)
		}
	})
	p.Deploy(t, names...) // one pass: hubs, then each peering accepted and routed

	checkMesh(t, url, threeRegionMesh)
	p.AssertNoChanges(t, names...)

	objs, err := s3c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix + "/")})
	if err != nil {
		t.Fatal(err)
	}
	var keys, want []string
	for _, o := range objs.Contents {
		keys = append(keys, *o.Key)
	}
	for _, name := range names {
		want = append(want, prefix+"/"+name+".tfstate")
	}
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("state objects = %s, want %s (locks must be released)", keys, want)
	}

	p.Destroy(t, names...)
	destroyed = true
	checkMeshGone(t, url, threeRegionMesh)
}

// stackNames are the example's stacks in deploy order: the regions, then
// each pair's peering stack (the later region requests).
func (w meshWant) stackNames() []string {
	var names []string
	for _, r := range w.regions {
		names = append(names, r.name)
	}
	for j, r := range w.regions {
		for _, peer := range w.regions[:j] {
			names = append(names, stacks.PeeringStackName(r.name, peer.name))
		}
	}
	return names
}
