#!/usr/bin/env bash
# story-from-issue.sh: the steps of .github/workflows/story-from-issue.yml.
# Makes the story of an accepted issue with storyhub new story
# --from-issue, commits it on the branch story/issue-N crediting the
# issue's author, pushes it, opens a pull request that closes the issue
# and comments on the issue with the pull request's link.
#
# Everything about the issue comes from the environment (set by the
# workflow from the event), so no text of the issue is ever shell code:
# ISSUE_NUMBER, ISSUE_TITLE, ISSUE_BODY, ISSUE_AUTHOR, ISSUE_AUTHOR_ID,
# BASE_BRANCH, GH_TOKEN (for git push and gh). STORYHUB names the storyhub
# command (default bin/storyhub, what make build makes).
set -euo pipefail

: "${ISSUE_NUMBER:?}" "${ISSUE_TITLE:?}" "${ISSUE_BODY:?}" "${ISSUE_AUTHOR:?}" "${ISSUE_AUTHOR_ID:?}" "${BASE_BRANCH:?}" "${GH_TOKEN:?}"
case $ISSUE_NUMBER in *[!0-9]* | '') echo "ISSUE_NUMBER is not a number: $ISSUE_NUMBER" >&2; exit 1 ;; esac
case $ISSUE_AUTHOR_ID in *[!0-9]* | '') echo "ISSUE_AUTHOR_ID is not a number: $ISSUE_AUTHOR_ID" >&2; exit 1 ;; esac
storyhub=${STORYHUB:-bin/storyhub}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%s\n' "$ISSUE_BODY" >"$work/issue.md"

branch="story/issue-$ISSUE_NUMBER"
git switch --quiet -c "$branch"
"$storyhub" new story --from-issue "$work/issue.md" >"$work/new.txt"
cat "$work/new.txt"
file=$(sed -n 's/^created //p' "$work/new.txt")
notes=$(sed -n 's/^note: /- /p' "$work/new.txt")
if [ -z "$file" ]; then
	echo "storyhub new did not say which file it made" >&2
	exit 1
fi

# GitHub's no-reply address links the commit to the writer's account.
coauthor="Co-authored-by: $ISSUE_AUTHOR <$ISSUE_AUTHOR_ID+$ISSUE_AUTHOR@users.noreply.github.com>"
title="Story: ${ISSUE_TITLE#Story: }"
git add -- "$file"
git -c user.name='github-actions[bot]' \
	-c user.email='41898282+github-actions[bot]@users.noreply.github.com' \
	commit --quiet -m "$title" -m "From issue #$ISSUE_NUMBER by @$ISSUE_AUTHOR." -m "$coauthor"

# The checkout keeps no token; the push gets it through git's environment
# configuration, so it is in no command line and no file.
GIT_CONFIG_COUNT=1 \
	GIT_CONFIG_KEY_0="http.https://github.com/.extraheader" \
	GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $(printf 'x-access-token:%s' "$GH_TOKEN" | base64 -w0)" \
	git push --quiet origin "$branch"

{
	printf 'The story @%s shared in #%s, made with `storyhub new story --from-issue`.\n\n' "$ISSUE_AUTHOR" "$ISSUE_NUMBER"
	if [ -n "$notes" ]; then
		printf 'Notes for the reviewer:\n%s\n\n' "$notes"
	fi
	printf 'Closes #%s\n\n%s\n' "$ISSUE_NUMBER" "$coauthor"
} >"$work/pr.md"
url=$(gh pr create --base "$BASE_BRANCH" --head "$branch" --title "$title" --body-file "$work/pr.md")
gh issue comment "$ISSUE_NUMBER" --body "Thank you, @$ISSUE_AUTHOR! Your story is in $url; a maintainer reviews it there before it is published."
