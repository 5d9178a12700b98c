/**
 * Published likelihoods as HEPData distributes them: RFC 6902 JSON patches ({@link
 * org.recoil.fitting.patch.WorkspacePatch}) and pyhf patchsets ({@link org.recoil.fitting.patch.PatchSet})
 * applied to a background-only pyhf workspace before it is parsed ({@link
 * org.recoil.fitting.patch.WorkspaceSource}); the pyhf digest that ties a patchset to its workspace
 * ({@link org.recoil.fitting.patch.PyhfDigest}); and pyhf's workspace verbs combine, rename, sort and digest
 * on JSON documents ({@link org.recoil.fitting.patch.WorkspaceEdits}).
 */
package org.recoil.fitting.patch;
