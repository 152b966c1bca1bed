"""Conversations: branching role-plays, loaded from YAML and validated as a graph.

A conversation file holds one conversation: a setting, a start node, nodes
(what the client says, and the learner's two to four replies) and endings.
Every reply leads to a node or an ending by id. Ids are chosen by the author
and saved results are keyed by them, so results survive edits.

Beyond each mapping's shape, the graph must be playable: every id known,
every node reachable from the start, and an ending reachable from every node
(a loop is fine as long as it has a way out).
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path

from . import sources, sourceyaml
from .fields import PLAIN, Field, Shape, check_mapping
from .lessons import placeholder, split_front_matter
from .links import headings
from .problems import Problems
from .sourceyaml import LocatedDict, LocatedList
from .strings import strings_for

PAGES_DIR = "conversations"  # generated pages: conversations/index.md, conversations/<id>.md, ...
PACK_SLUG = "todas"  # the page with every role-play kit, to print them all at once
# Outcomes from best to worst: the best one a learner reaches is saved.
REPAIRED, WARY, LOST = "repaired", "wary", "lost"
OUTCOMES = (REPAIRED, WARY, LOST)
MIN_REPLIES, MAX_REPLIES = 2, 4
# What fits on one printed card (A4 and US Letter alike, one card per page).
MAX_CARD_TEXT = 320
MAX_CARD_ITEM = 130
MAX_CARD_ITEMS = 4
MAX_WATCH_ITEMS = 6

_ID_DOC = "unique among this conversation's nodes and endings"
CONVERSATION_SHAPE = Shape("a conversation", {
    "id": Field(str, True, "the conversation's stable id, used by lessons to place it", is_id=True),
    "title": Field(str, True, "the conversation's title as learners see it", text=PLAIN, max_length=100),
    "setting": Field(dict, True, "who the learner is, who the client is and what happened"),
    "start": Field(str, True, "the id of the node the conversation starts with", is_id=True),
    "skills": Field(list, False, "the skills that replies show or miss, each with an id and a label"),
    "nodes": Field(list, True, "the list of nodes: what the client says and the replies"),
    "endings": Field(list, True, "the list of endings, each with an outcome and a debrief"),
    "roleplay": Field(dict, True, "the printed role-play kit: client card, professional's goal, observer sheet"),
})
SETTING_SHAPE = Shape("the setting", {
    "you": Field(str, True, "who the learner is, in the second person"),
    "client": Field(str, True, "who the client is"),
    "client_name": Field(str, True, "how the dialogue names the client, e.g. 'Florencia'"),
    "situation": Field(str, True, "what happened before the conversation starts"),
})
SKILL_SHAPE = Shape("a skill", {
    "id": Field(str, True, "the skill's id, used in replies' 'shows' and 'misses'", is_id=True),
    "label": Field(str, True, "the skill as the ending's debrief names it"),
})
NODE_SHAPE = Shape("a node", {
    "id": Field(str, True, f"the node's stable id, {_ID_DOC}", is_id=True),
    "narrator": Field(str, False, "a short note on tone or body language, shown before the client speaks"),
    "says": Field(str, True, "what the client says"),
    "replies": Field(list, True, f"{MIN_REPLIES} to {MAX_REPLIES} replies the learner can choose"),
})
REPLY_SHAPE = Shape("a reply", {
    "id": Field(str, True, "the reply's stable id, unique in its node", is_id=True),
    "text": Field(str, True, "what the learner says"),
    "next": Field(str, True, "the id of the node or ending this reply leads to", is_id=True),
    "coaching": Field(str, True, "why the client reacts as they do"),
    "lesson": Field(str, True, "the lesson (and anchor) that teaches it, e.g. 'lecciones/escuchar-de-verdad.md#el-silencio'"),
    "shows": Field(list, False, "ids of skills this reply shows"),
    "misses": Field(list, False, "ids of skills this reply misses: what to practise"),
})
ENDING_SHAPE = Shape("an ending", {
    "id": Field(str, True, f"the ending's stable id, {_ID_DOC}", is_id=True),
    "outcome": Field(str, True, "how the relationship ends up", enum=OUTCOMES),
    "title": Field(str, True, "a short headline for this ending"),
    "says": Field(str, False, "the client's last words"),
    "debrief": Field(str, True, "what happened and why, for the learner"),
    "practises": Field(list, True, "the lesson sections this ending practises, as links like 'lecciones/x.md#anchor'"),
})
ROLEPLAY_SHAPE = Shape("the role-play kit", {
    "client": Field(dict, True, "the card for the person who plays the client"),
    "professional": Field(dict, True, "the card for the person who plays the professional"),
    "observer": Field(dict, True, "the observer's sheet"),
})
CLIENT_CARD_SHAPE = Shape("the client's card", {
    "knows": Field(str, True, "what happened, as the client sees it"),
    "feels": Field(str, True, "what the client feels"),
    "wants": Field(str, True, "what the client wants from the conversation"),
    "calms": Field(list, True, "what would calm the client"),
    "worsens": Field(list, True, "what would make it worse"),
})
PROFESSIONAL_CARD_SHAPE = Shape("the professional's card", {
    "goal": Field(str, True, "what the professional wants to reach (no script)"),
})
OBSERVER_SHAPE = Shape("the observer's sheet", {
    "watch": Field(list, True, "what the observer watches for"),
    "checklist": Field(str, False, "the id of the course checklist the observer also ticks", is_id=True),
})
# Item types of the lists above, for the validator and the JSON Schema alike.
TEXT_LISTS = {("a reply", "shows"), ("a reply", "misses"), ("an ending", "practises"),
              ("the client's card", "calms"), ("the client's card", "worsens"), ("the observer's sheet", "watch")}

_RELATIVE_LINK = re.compile(r"\]\(\s*<?(?![a-z][a-z0-9+.-]*:|#)([^)\s>]+)", re.IGNORECASE)
_DECLARED_ID = re.compile(r"^id:\s*['\"]?([\w-]+)", re.MULTILINE)


@dataclass(frozen=True)
class Reply:
    id: str
    text: str
    next: str
    coaching: str
    lesson: str
    shows: tuple[str, ...]
    misses: tuple[str, ...]
    line: int  # of 'next'
    lesson_line: int


@dataclass(frozen=True)
class Node:
    id: str
    says: str
    narrator: str
    replies: tuple[Reply, ...]
    line: int


@dataclass(frozen=True)
class Ending:
    id: str
    outcome: str
    title: str
    says: str
    debrief: str
    practises: tuple[str, ...]
    line: int
    practises_line: int

    @property
    def rank(self) -> int:
        """0 for the best outcome; the page saves the lowest rank reached."""
        return OUTCOMES.index(self.outcome)


@dataclass(frozen=True)
class Setting:
    you: str
    client: str
    client_name: str
    situation: str


@dataclass(frozen=True)
class Roleplay:
    knows: str
    feels: str
    wants: str
    calms: tuple[str, ...]
    worsens: tuple[str, ...]
    goal: str
    watch: tuple[str, ...]
    checklist: str
    checklist_line: int


@dataclass(frozen=True)
class Conversation:
    id: str
    title: str
    setting: Setting
    start: str
    skills: dict[str, str]
    nodes: tuple[Node, ...]
    endings: tuple[Ending, ...]
    roleplay: Roleplay
    file: str
    line: int

    @property
    def steps(self) -> tuple[Node | Ending, ...]:
        """Nodes, then endings, in the order a reader meets them from the start
        (breadth first), so the page without JavaScript reads from the top."""
        by_id: dict[str, Node | Ending] = {n.id: n for n in (*self.nodes, *self.endings)}
        order, queue, seen = [], deque([self.start]), {self.start}
        while queue:
            step = by_id[queue.popleft()]
            order.append(step)
            for reply in getattr(step, "replies", ()):
                if reply.next not in seen:
                    seen.add(reply.next)
                    queue.append(reply.next)
        return tuple(s for s in order if isinstance(s, Node)) + tuple(s for s in order if isinstance(s, Ending))

    @property
    def links(self) -> tuple[tuple[str, int], ...]:
        """Every lesson link with its line: replies' 'lesson', endings' 'practises'."""
        found = [(reply.lesson, reply.lesson_line) for node in self.nodes for reply in node.replies]
        return tuple(found + [(link, ending.practises_line) for ending in self.endings for link in ending.practises])


def load_conversations(directory: Path | None, root: Path, problems: Problems,
                       broken: set[str] | None = None) -> dict[str, Conversation]:
    """Load every ``*.yml``/``*.yaml`` below ``directory``. Ids of files that
    failed go into ``broken``, so placing one is not also "unknown"."""
    conversations: dict[str, Conversation] = {}
    if directory is None or not directory.is_dir():
        return conversations
    root = root.resolve()  # once, not for each file
    for path in sorted(p for p in directory.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file()):
        file = sources.shown_path(path, root)
        try:
            text = sources.read(path)
        except sources.SourceError as error:
            problems.error(file, error.line, error.message, error.hint)
            continue
        conversation = parse_conversation(text, file, problems)
        if conversation is None:
            if broken is not None and (declared := _DECLARED_ID.search(text)):
                broken.add(declared.group(1))
            continue
        if conversation.id in conversations:
            first = conversations[conversation.id]
            problems.error(file, conversation.line,
                           f"the conversation id '{conversation.id}' is already used by {first.file}:{first.line}.",
                           "conversation ids must be unique across the course: rename one of them.")
            continue
        conversations[conversation.id] = conversation
    return conversations


class _Reader:
    """Reads one file's mappings, adding problems with their lines."""

    def __init__(self, file: str, problems: Problems):
        self.file, self.problems = file, problems

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.problems.error(self.file, line, message, hint)

    def mapping(self, raw: object, shape: Shape, line: int) -> LocatedDict | None:
        if not check_mapping(raw, shape, self.file, line, self.problems):
            return None
        assert isinstance(raw, LocatedDict)
        for key, value in raw.items():
            if isinstance(value, str) and (link := _RELATIVE_LINK.search(value)):
                self.error(raw.line_of(key), f"the text of '{key}' links to '{link.group(1)}', a page of this site.",
                           "link lessons with 'lesson:' (replies) or 'practises:' (endings); in text, only full "
                           "addresses (https://...) work, since the conversation can be placed on any page.")
        return raw

    def texts(self, raw: LocatedDict, key: str, shape: Shape, low: int = 0, high: int | None = None,
              longest: int | None = None) -> tuple[str, ...]:
        """A list of lines of text, with its length limits."""
        values = raw.get(key) or LocatedList()
        if not isinstance(values, LocatedList):
            return ()
        texts = []
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                self.error(values.line_of(index), f"every entry of '{key}' in {shape.what} must be a line of text.",
                           "write each entry as '- text'.")
                continue
            if longest and len(value) > longest:
                self.error(values.line_of(index), f"this entry of '{key}' has {len(value)} characters; the limit is {longest}.",
                           "it is printed on a one-page card: keep it short.")
            texts.append(" ".join(value.split()))
        if len(values) < low or (high is not None and len(values) > high):
            limits = f"{low} to {high}" if high is not None else f"at least {low}"
            self.error(raw.line_of(key), f"'{key}' in {shape.what} has {len(values)} entries; it needs {limits}.",
                       f"write {limits} entries.")
        return tuple(texts)

    def text(self, raw: LocatedDict, key: str, longest: int | None = None) -> str:
        value = raw.get(key) or ""
        if longest and len(value) > longest:
            self.error(raw.line_of(key), f"'{key}' has {len(value)} characters; the limit is {longest}.",
                       "it is printed on a one-page card: keep the essentials.")
        return value


def parse_conversation(text: str, file: str, problems: Problems) -> Conversation | None:
    """Parse and validate one conversation file; None when it has errors."""
    before = len(problems.errors)
    try:
        data = sourceyaml.load(text)
    except sourceyaml.YamlProblem as error:
        problems.error(file, error.line, error.message, error.hint)
        return None
    read = _Reader(file, problems)
    if read.mapping(data, CONVERSATION_SHAPE, 1) is None and not isinstance(data, LocatedDict):
        return None
    assert isinstance(data, LocatedDict)
    setting_raw = read.mapping(data.get("setting"), SETTING_SHAPE, data.line_of("setting")) if "setting" in data else None
    skills = _skills(data, read)
    before_steps = len(problems.errors)
    nodes = _nodes(data, read, skills)
    endings = _endings(data, read)
    complete = len(problems.errors) == before_steps  # no node, reply or ending was left out
    roleplay = _roleplay(data, read) if isinstance(data.get("roleplay"), LocatedDict) else None
    if isinstance(data.get("nodes"), LocatedList) and isinstance(data.get("endings"), LocatedList):
        _check_graph(data, nodes, endings, _declared_ids(data), complete, read)
    if len(problems.errors) > before or setting_raw is None or roleplay is None:
        return None
    setting = Setting(setting_raw["you"], setting_raw["client"], setting_raw["client_name"], setting_raw["situation"])
    return Conversation(data["id"], data["title"], setting, data["start"], skills, tuple(nodes.values()),
                        tuple(endings.values()), roleplay, file, data.line_of("id"))


def _skills(data: LocatedDict, read: _Reader) -> dict[str, str]:
    skills: dict[str, str] = {}
    raw_list = data.get("skills")
    if not isinstance(raw_list, LocatedList):
        return skills
    for index, raw in enumerate(raw_list):
        line = raw_list.line_of(index)
        if (skill := read.mapping(raw, SKILL_SHAPE, line)) is None:
            continue
        if skill["id"] in skills:
            read.error(line, f"the skill id '{skill['id']}' is used twice in this conversation.", "give every skill its own id.")
        skills[skill["id"]] = skill["label"]
    return skills


def _nodes(data: LocatedDict, read: _Reader, skills: dict[str, str]) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    raw_list = data.get("nodes")
    if not isinstance(raw_list, LocatedList):
        return nodes
    if not raw_list:
        read.error(data.line_of("nodes"), "the conversation has no nodes.", "add at least one node: what the client says first.")
    for index, raw in enumerate(raw_list):
        line = raw_list.line_of(index)
        if (node := read.mapping(raw, NODE_SHAPE, line)) is None:
            continue
        replies = _replies(node, read, skills)
        if node["id"] in nodes:
            read.error(line, f"the node id '{node['id']}' is used twice in this conversation (also line {nodes[node['id']].line}).",
                       "give every node its own id.")
            continue
        nodes[node["id"]] = Node(node["id"], node["says"], node.get("narrator") or "", replies, line)
    return nodes


# 'next' is checked on its own: a reply without one "leads nowhere", said plainly.
_REPLY_WITHOUT_NEXT = replace(REPLY_SHAPE, fields={**REPLY_SHAPE.fields, "next": replace(REPLY_SHAPE.fields["next"], required=False)})


def _replies(node: LocatedDict, read: _Reader, skills: dict[str, str]) -> tuple[Reply, ...]:
    raw_list = node["replies"]
    replies: list[Reply] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_list):
        line = raw_list.line_of(index)
        if (reply := read.mapping(raw, _REPLY_WITHOUT_NEXT, line)) is None:
            continue
        if not reply.get("next"):
            read.error(line, f"the reply '{reply['id']}' of node '{node['id']}' leads nowhere: it has no 'next'.",
                       "add 'next:' with the id of the node or ending this reply leads to.")
            continue
        if reply["id"] in seen:
            read.error(line, f"the reply id '{reply['id']}' is used twice in node '{node['id']}' (also line {seen[reply['id']]}).",
                       "give every reply of a node its own id.")
            continue
        seen[reply["id"]] = line
        tags = {}
        for key in ("shows", "misses"):
            tags[key] = read.texts(reply, key, REPLY_SHAPE)
            for tag in tags[key]:
                if tag not in skills:
                    close = difflib.get_close_matches(tag, list(skills), n=1)
                    read.error(reply.line_of(key), f"the skill '{tag}' in '{key}' is not in this conversation's 'skills'.",
                               f"did you mean '{close[0]}'?" if close else "add it under 'skills:' with an id and a label.")
        replies.append(Reply(reply["id"], reply["text"], reply["next"], reply["coaching"], reply["lesson"].strip(),
                             tags["shows"], tags["misses"], reply.line_of("next"), reply.line_of("lesson")))
    if not MIN_REPLIES <= len(raw_list) <= MAX_REPLIES:
        read.error(node.line_of("replies"), f"the node '{node['id']}' has {len(raw_list)} replies; a node needs {MIN_REPLIES} to {MAX_REPLIES}.",
                   "give the learner a real choice: two to four replies." if len(raw_list) < MIN_REPLIES
                   else "keep the strongest four: more choices read as a quiz, not a conversation.")
    return tuple(replies)


def _endings(data: LocatedDict, read: _Reader) -> dict[str, Ending]:
    endings: dict[str, Ending] = {}
    raw_list = data.get("endings")
    if not isinstance(raw_list, LocatedList):
        return endings
    if not raw_list:
        read.error(data.line_of("endings"), "the conversation has no endings.",
                   "add at least one ending (id, outcome, title, debrief, practises); a conversation must be able to end.")
    for index, raw in enumerate(raw_list):
        line = raw_list.line_of(index)
        if (ending := read.mapping(raw, ENDING_SHAPE, line)) is None:
            continue
        practises = read.texts(ending, "practises", ENDING_SHAPE, low=1)
        if ending["id"] in endings:
            read.error(line, f"the ending id '{ending['id']}' is used twice in this conversation (also line {endings[ending['id']].line}).",
                       "give every ending its own id.")
            continue
        endings[ending["id"]] = Ending(ending["id"], ending["outcome"], ending["title"], ending.get("says") or "",
                                       ending["debrief"], tuple(p.strip() for p in practises), line,
                                       ending.line_of("practises"))
    return endings


def _roleplay(data: LocatedDict, read: _Reader) -> Roleplay | None:
    raw = read.mapping(data["roleplay"], ROLEPLAY_SHAPE, data.line_of("roleplay"))
    if raw is None:
        return None
    client = read.mapping(raw["client"], CLIENT_CARD_SHAPE, raw.line_of("client"))
    professional = read.mapping(raw["professional"], PROFESSIONAL_CARD_SHAPE, raw.line_of("professional"))
    observer = read.mapping(raw["observer"], OBSERVER_SHAPE, raw.line_of("observer"))
    if client is None or professional is None or observer is None:
        return None
    card = (MAX_CARD_TEXT, MAX_CARD_ITEM)
    return Roleplay(
        read.text(client, "knows", card[0]), read.text(client, "feels", card[0]), read.text(client, "wants", card[0]),
        read.texts(client, "calms", CLIENT_CARD_SHAPE, 1, MAX_CARD_ITEMS, card[1]),
        read.texts(client, "worsens", CLIENT_CARD_SHAPE, 1, MAX_CARD_ITEMS, card[1]),
        read.text(professional, "goal", card[0]),
        read.texts(observer, "watch", OBSERVER_SHAPE, 2, MAX_WATCH_ITEMS, card[1]),
        observer.get("checklist") or "", observer.line_of("checklist"),
    )


def _declared_ids(data: LocatedDict) -> set[str]:
    """Every node and ending id written, even in a block with other problems,
    so a reply leading to it is not also reported as leading nowhere."""
    return {raw["id"] for key in ("nodes", "endings") for raw in data[key]
            if isinstance(raw, LocatedDict) and isinstance(raw.get("id"), str)}


def _check_graph(data: LocatedDict, nodes: dict[str, Node], endings: dict[str, Ending], declared: set[str],
                 complete: bool, read: _Reader) -> None:
    """Ids known and shared by no two steps; everything reachable; every node
    with a way to an ending. The paths are only followed when every step was
    read: a step left out would make others look unreachable."""
    for ending_id, ending in endings.items():
        if ending_id in nodes:
            read.error(ending.line, f"the id '{ending_id}' is both a node (line {nodes[ending_id].line}) and an ending.",
                       "replies lead to ids, so nodes and endings need different ones.")
            return
    known = [*nodes, *endings]
    start = data.get("start")
    broken = False
    if isinstance(start, str) and start not in nodes and start not in declared - set(endings):
        where = "an ending, not a node" if start in endings else "not a node of this conversation"
        close = difflib.get_close_matches(start, list(nodes), n=1)
        read.error(data.line_of("start"), f"'start' is '{start}', which is {where}.",
                   f"did you mean '{close[0]}'?" if close else f"use the id of the first node ({', '.join(nodes) or 'none yet'}).")
        broken = True
    for node in nodes.values():
        for reply in node.replies:
            if reply.next not in declared:
                close = difflib.get_close_matches(reply.next, known, n=1)
                read.error(reply.line, f"the reply '{reply.id}' of node '{node.id}' leads to '{reply.next}', "
                                       "which is neither a node nor an ending of this conversation.",
                           f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known)}.")
                broken = True
    if broken or not complete or not endings or not isinstance(start, str):
        return  # the rest would only repeat these problems

    edges = {node_id: [reply.next for reply in node.replies] for node_id, node in nodes.items()}
    reached = _reachable([start], edges)
    # Report where a detached part begins, not every step after it.
    lost = [step for step in (*nodes.values(), *endings.values()) if step.id not in reached]
    led_to = {target for step in lost for target in edges.get(step.id, ()) if target != step.id}
    for step in [s for s in lost if s.id not in led_to] or lost[:1]:
        kind = "node" if step.id in nodes else "ending"
        after = sorted(_reachable([step.id], edges) - reached - {step.id})
        also = f" (nor {', '.join(repr(a) for a in after)}, which only it leads to)" if after else ""
        read.error(step.line, f"no path from the start reaches the {kind} '{step.id}'{also}.",
                   f"make a reply lead to it ('next: {step.id}'), or delete it.")

    reverse: dict[str, list[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, []).append(source)
    can_end = _reachable(list(endings), reverse)
    stuck = [node for node in nodes.values() if node.id not in can_end and node.id in reached]
    reported: set[str] = set()
    for node in stuck:
        if node.id in reported:
            continue
        loop = _loop_through(node.id, edges)
        if loop:
            reported.update(loop)
            read.error(node.line, f"the node '{node.id}' is in a loop with no way out ({' → '.join(loop + [loop[0]])}).",
                       "let at least one reply in the loop lead to an ending, or to a node that reaches one.")
    for node in stuck:
        if node.id not in reported:
            read.error(node.line, f"no ending can be reached from the node '{node.id}': every reply leads into a loop with no way out.",
                       "let one of its replies lead to an ending, or to a node that reaches one.")


def _reachable(starts: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen, queue = set(starts), deque(starts)
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _loop_through(start: str, edges: dict[str, list[str]]) -> list[str]:
    """A shortest cycle from ``start`` back to itself, or [] if there is none."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for target in edges.get(current, ()):
            if target == start:
                path = [current]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return path[::-1]
            if target not in previous and target in edges:
                previous[target] = current
                queue.append(target)
    return []


def check_links(conversations: dict[str, Conversation], pages: dict[str, str], checklists: set[str],
                problems: Problems) -> dict[str, str]:
    """Check the lesson links and observer checklists; return each link's label
    (the page's title, or the heading its anchor names) for the renderer."""
    labels: dict[str, str] = {}
    titles = {uri: _title(text) for uri, text in pages.items()}
    parsed: dict[str, dict[str, str]] = {}  # headings per page, parsed once
    for conversation in conversations.values():
        file = conversation.file
        for link, line in conversation.links:
            uri, _, anchor = link.partition("#")
            if uri not in pages:
                close = difflib.get_close_matches(uri, list(pages), n=1)
                problems.error(file, line, f"the link '{link}' points to a page that does not exist.",
                               f"did you mean '{close[0]}'?" if close else
                               "write the page's path relative to the docs dir, e.g. 'lecciones/escuchar-de-verdad.md#anchor'.")
                continue
            found = parsed[uri] if uri in parsed else parsed.setdefault(uri, headings(pages[uri]))
            if anchor and anchor not in found:
                close = difflib.get_close_matches(anchor, list(found), n=1)
                problems.error(file, line, f"the link '{link}' names an anchor that '{uri}' does not have.",
                               f"did you mean '#{close[0]}'?" if close else
                               "anchors are headings in lowercase with hyphens and no accents.")
                continue
            title = titles[uri] or uri
            labels[link] = f"{title} › {found[anchor]}" if anchor else title
        checklist = conversation.roleplay.checklist
        if checklist and checklist not in checklists:
            problems.error(file, conversation.roleplay.checklist_line,
                           f"the observer's checklist '{checklist}' does not exist.",
                           f"use a checklist id ({', '.join(sorted(checklists)) or 'none are defined'}).")
    return labels


_TITLE = re.compile(r"^title:\s*['\"]?(.*?)['\"]?\s*$", re.MULTILINE)


def _title(text: str) -> str:
    front, _, _ = split_front_matter(text)
    match = _TITLE.search(front)
    return match.group(1) if match else ""


def generated_pages(conversations: dict[str, Conversation], language: str) -> dict[str, str]:
    """The pages conversations add: an index, one printable kit per
    conversation and one with every kit. Each is a title and a placeholder."""
    if not conversations:
        return {}
    t = strings_for(language)
    pages = {f"{PAGES_DIR}/index.md": (t["conversations_title"], "conversation_index", "", False),
             f"{PAGES_DIR}/{PACK_SLUG}.md": (t["all_kits"], "conversation_pack", "", True)}
    for conversation in conversations.values():
        pages[f"{PAGES_DIR}/{conversation.id}.md"] = (t["kit_title"].format(title=conversation.title),
                                                      "conversation_page", conversation.id, False)
    return {uri: f"---\ntitle: {sourceyaml.scalar(title)}\nsearch:\n  exclude: {sourceyaml.scalar(hidden)}\n"
                 "render_macros: false\n---\n\n"
                 f"{placeholder(widget, argument)}\n"
            for uri, (title, widget, argument, hidden) in pages.items()}
