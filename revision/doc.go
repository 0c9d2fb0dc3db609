// Package revision packs, verifies and cross-checks the application.zip that a
// CodePipeline S3 source action hands to CodeBuild and the CodeDeployToECS
// (ECS blue/green) deploy action.
//
//   - [PackDir] and [Pack] turn a folder (read through os.Root) or an fs.FS
//     into a zip with the spec files (buildspec.yml, appspec.yaml,
//     taskdef.json by default, see [SpecNames]) at the root. The tree is
//     refused with a diagnostic naming the path for symbolic links, FIFOs,
//     sockets and devices, names that collide on case-insensitive file
//     systems, invalid names, and spec files that are not at the root; the
//     spec files are validated (taskdef, appspec, buildspec packages) and
//     cross-checked before anything is written ([Force] writes anyway).
//     PackDir writes atomically: a failed or cancelled pack
//     ([PackDirContext]) leaves the previous zip untouched and no temporary
//     file.
//   - [Verify] checks an existing zip without extracting it: unsafe names,
//     symlink entries, duplicates, zip-bomb caps, corrupt data, the root layout,
//     then the contained spec files with positions ("application.zip:taskdef.json").
//   - [Check] and [CheckDir] run the cross-file checks (appspec container and
//     port against the task definition, image placeholders against the
//     buildspec's imageDetail.json artifacts and the action, Docker Hub base
//     images, docker build contexts) on in-memory [Files] or a folder.
//   - [Action] models the CodeDeployToECS action configuration;
//     [ActionFromRecipe] derives it from the buildspec recipe, [ParseAction]
//     reads it (or a whole action declaration) from a file with positions,
//     and [WithAction] checks a revision against it.
//   - [ENICapacity] says whether the doubled task count of a blue/green
//     deployment fits the awsvpc ENIs of the container instances.
//
// Output is deterministic: entries sorted bytewise by name, one fixed time
// stamp (1980-01-01, or [ModTime]/[SourceDateEpoch]), modes 0644 or 0755 (any
// executable bit), no extra fields, no directory entries, no comment. The same
// tree gives the same bytes whatever the mtimes, umask, listing order, worker
// count or memory budget. Files are deflated in parallel with
// github.com/klauspost/compress/flate (pinned by go.mod, so the bytes do not
// change with the Go toolchain); already-compressed formats (jar, png, gz, …)
// and data that does not shrink are stored.
package revision
