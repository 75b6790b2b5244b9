export const id = 248;
export const ids = [248];
export const modules = {

/***/ 9248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describeApiError: () => (/* binding */ describeApiError),
/* harmony export */   github: () => (/* reexport module object */ _actions_github__WEBPACK_IMPORTED_MODULE_0__),
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* unused harmony export COMMENT_MARKER */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
// The sticky pull-request comment: one per PR, found again by a hidden marker
// and edited in place on the next run, so a fix turns the same comment green.
// The only module that talks to the GitHub API.

/** The runner's GitHub context and client, for the entry that loads this module on demand. */

const COMMENT_MARKER = '<!-- backend-hang-debug:report -->';
/**
 * Creates or updates our comment on the PR. With `createIfMissing` false, a
 * PR without our comment is left alone (a healthy first run posts nothing).
 */
async function upsertComment(octokit, target, report, createIfMissing) {
    const body = `${COMMENT_MARKER}\n${report}`;
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner: target.owner,
        repo: target.repo,
        issue_number: target.number,
        per_page: 100
    });
    const ours = comments.find(c => c.body?.includes(COMMENT_MARKER));
    if (ours) {
        const { data } = await octokit.rest.issues.updateComment({
            owner: target.owner,
            repo: target.repo,
            comment_id: ours.id,
            body
        });
        return { action: 'updated', url: data.html_url };
    }
    if (!createIfMissing)
        return { action: 'skipped' };
    const { data } = await octokit.rest.issues.createComment({
        owner: target.owner,
        repo: target.repo,
        issue_number: target.number,
        body
    });
    return { action: 'created', url: data.html_url };
}
/** Explains an API failure in terms of what the user can change; never includes the token. */
function describeApiError(error) {
    const status = error.status;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 403) {
        return `GitHub answered 403 (${message}). The token cannot write comments: a pull request from a fork gets a read-only token, and a workflow needs "permissions: pull-requests: write". The diagnosis is in the job summary and the outputs.`;
    }
    if (status === 404) {
        return `GitHub answered 404 (${message}). The pull request was not found with this token, or the token lacks "pull-requests: write".`;
    }
    if (status === 401)
        return `GitHub answered 401 (${message}): github-token is not valid.`;
    return typeof status === 'number' ? `GitHub answered ${status} (${message}).` : message;
}


/***/ })

};
