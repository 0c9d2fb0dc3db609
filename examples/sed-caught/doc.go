// Package sedcaught holds the hand-written revision of the talk (buildspec
// with aws ecr get-login and sed rewrites of taskdef.json and appspec.yaml,
// Docker Hub base images, an AppSpec without CapacityProviderStrategy, a task
// definition written for bridge networking) in revision/, and a test that
// runs `bgspec validate revision` on it. See README.md.
package sedcaught
