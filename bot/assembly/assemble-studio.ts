import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import type { StaffDirectory } from '../staff/staff-directory';
import type { StaffSessionStore } from '../staff/staff-session-store';
import { DraftTrials } from '../studio/draft-trials';
import type { StudioRouteParts } from '../studio/studio-routes';
import { StudioWorkspace } from '../studio/studio-workspace';
import { StudioStartingError } from '../studio/studio-starting-error';
import type { UnansweredStore } from '../unanswered/unanswered-store';
import type { AssembledKnowledge } from './assemble-knowledge';
import type { StudioStorage } from './assemble-studio-storage';

/**
 * The knowledge studio over the studio's storage (drafts, audit log, versions) and the knowledge
 * versions the assistant answers from (assemble-knowledge.ts), which are ready only once the
 * knowledge is loaded: until then a publish or a trial is refused as "starting".
 */
export function assembleStudio(
  config: Pick<Config, 'PUBLIC_BASE_URL'>,
  parts: {
    readonly storage: StudioStorage;
    readonly knowledgeVersions: () => AssembledKnowledge | undefined;
    readonly directory: StaffDirectory;
    readonly sessions: StaffSessionStore;
    readonly unanswered?: UnansweredStore;
    readonly knowledge: () => KnowledgeBase | undefined;
    readonly logger: Logger;
  },
): StudioRouteParts {
  const loaded = (): AssembledKnowledge => {
    const versions = parts.knowledgeVersions();
    if (!versions) throw new StudioStartingError();
    return versions;
  };
  return {
    directory: parts.directory,
    sessions: parts.sessions,
    workspace: new StudioWorkspace(parts.storage.versions, parts.storage.drafts),
    audit: parts.storage.audit,
    presence: parts.storage.presence,
    ...(parts.unanswered ? { unanswered: parts.unanswered } : {}),
    knowledge: parts.knowledge,
    live: () => parts.knowledgeVersions()?.live,
    // Trained once per content by the publisher, whose stored model a publish of the same files reuses.
    trials: new DraftTrials(
      async (files, _knowledge, onProgress) => (await loaded().publisher.trainDraft(files, onProgress)).classifier,
    ),
    logger: parts.logger,
    secureCookies: config.PUBLIC_BASE_URL?.startsWith('https:') ?? false,
    publish: (publication, basedOn) =>
      loaded().publisher.publish(
        publication.files,
        {
          author: publication.author,
          comment: publication.comment,
          ...(publication.restores !== undefined ? { restores: publication.restores } : {}),
        },
        basedOn,
      ),
  };
}
