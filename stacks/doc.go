// Package stacks is the composition API: it turns a typed spec (Config)
// into deployable cdktf stacks, one per region (named after the region),
// one per Transit Gateway peering (PeeringStackName), an iam stack and a
// global stack, with every construct of the design wired together. One
// `cdktf deploy` of them all (StackNames gives the order) builds it.
//
//	d, err := stacks.New(app, stacks.Config{App: "shop", Environment: "prod", AccountId: "123456789012",
//		Regions: []stacks.Region{{Name: "eu-central-1", Role: stacks.RolePrimary, Cidr: "10.40.0.0/16"},
//			{Name: "eu-west-1", Role: stacks.RoleSecondary, Cidr: "10.50.0.0/16"}},
//		Database: &stacks.Database{}})
//
// Every part beyond the network and the Transit Gateway mesh is optional.
// The database is one of two kinds: Database (RDS PostgreSQL with
// cross-region read replicas, replicatedpostgres) or GlobalDatabase (an
// Aurora PostgreSQL global database, auroraglobal).
// Defaults and rules belong to the constructs; New reports their problems
// (and the composition's own) all at once, by Config field. The returned
// Deployment reaches every stack and construct.
//
// NewStack is the one-call stack (AWS provider with region, default tags,
// version constraints, no account lookup, bounded retries, optional
// endpoint; local or S3 backend) for constructs composed by hand;
// PeeringStacks makes the peering stacks a tgwpeering mesh needs from the
// same settings.
//
// Parse, LoadFile and NewFromFile are the YAML front-end of the reference
// app: they fill the same Config and report problems by YAML path.
package stacks
