import { useMemo, useState } from 'react';
import { Checkbox, ConfigProvider, Empty, Input, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { InfoCircleOutlined, SearchOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { levelLabel, type LevelsFramework } from '../../../core/frameworks';
import { Highlight } from './Highlight';
import { buildSearchIndex, normalizeQuery, searchLevels } from './search';

export const INFO_KEY = 'info';
export const LEVEL4_KEY = 'level4';
export const criterionKey = (code: string) => `c:${code}`;
const standardKey = (code: string) => `s:${code}`;

/** A light selection on the tree: the blue of the theme's primary, not the default grey block. */
const TREE_TOKENS = { nodeSelectedBg: '#dce8f7', nodeHoverBg: '#eef3fa' };

export interface FrameworkTreeProps {
  framework: LevelsFramework;
  /** The selected node: INFO_KEY, LEVEL4_KEY or criterionKey(code). */
  selected: string;
  onSelect: (key: string) => void;
  query: string;
  onQueryChange: (query: string) => void;
}

/** Standards → criteria, with mandatory marks and a diacritic-insensitive filter. */
export function FrameworkTree({ framework, selected, onSelect, query, onQueryChange }: FrameworkTreeProps) {
  const { t } = useTranslation();
  const index = useMemo(() => buildSearchIndex(framework), [framework]);
  const q = normalizeQuery(query);
  const [inContent, setInContent] = useState(false);
  const result = useMemo(() => searchLevels(index, q, { content: inContent }), [index, q, inContent]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const hasLevel4 = framework.levelRule.type === 'all-criteria' && framework.level4Clauses.length > 0;

  const toggle = (key: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const treeData = useMemo((): TreeDataNode[] => {
    const standards = framework.standards.filter((s) => !result || result.standards.includes(s.code));
    const nodes: TreeDataNode[] = standards.map((s) => ({
      key: standardKey(s.code),
      selectable: false,
      title: (
        <span data-testid={`fw-node-s${s.code}`} onClick={() => toggle(standardKey(s.code))} style={{ fontWeight: 600 }}>
          {t('fw.standardN', { code: s.code })}: <Highlight text={s.title} query={q} />
        </span>
      ),
      children: s.criteria
        .filter((c) => !result || result.criteria.has(c.code))
        .map((c) => ({
          key: criterionKey(c.code),
          isLeaf: true,
          title: (
            <span data-testid={`fw-node-${c.code}`} style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
              <span style={{ fontWeight: 600, flex: 'none' }}>
                <Highlight text={c.code} query={q} />
              </span>
              <span style={{ flex: 1, minWidth: 0, color: result?.contentHits.has(c.code) ? '#595959' : undefined }}>
                <Highlight text={c.title} query={q} />
                {result?.contentHits.has(c.code) && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`fw-node-content-hit-${c.code}`}>
                    {' '}
                    ({t('fw.tree.contentHit')})
                  </Typography.Text>
                )}
              </span>
              {c.mandatory && (
                <Tag color="red" style={{ marginInlineEnd: 0, flex: 'none' }} data-testid={`fw-mandatory-${c.code}`}>
                  {t('fw.mandatory')}
                </Tag>
              )}
            </span>
          ),
        })),
    }));
    if (!result) {
      nodes.unshift({
        key: INFO_KEY,
        isLeaf: true,
        title: (
          <span data-testid="fw-node-info">
            <InfoCircleOutlined aria-hidden /> {t('fw.tree.info')}
          </span>
        ),
      });
      if (hasLevel4) {
        nodes.push({
          key: LEVEL4_KEY,
          isLeaf: true,
          title: (
            <span data-testid="fw-node-level4">
              <TrophyOutlined aria-hidden /> {t('fw.level4.node', { level: levelLabel(framework, framework.maxLevel + 1) })}
            </span>
          ),
        });
      }
    }
    return nodes;
  }, [framework, result, q, t, hasLevel4]);

  const expandedKeys = framework.standards.map((s) => standardKey(s.code)).filter((k) => result !== null || !collapsed.has(k));

  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}>
      <Input
        allowClear
        prefix={<SearchOutlined aria-hidden style={{ color: '#8c8c8c' }} />}
        placeholder={t('fw.tree.searchPlaceholder')}
        aria-label={t('fw.tree.searchPlaceholder')}
        value={query}
        onChange={(e) => onQueryChange(e.target.value)}
        data-testid="fw-search"
      />
      {result && (
        <div style={{ fontSize: 12, margin: '6px 2px 0' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="fw-search-count">
            {t('fw.tree.found', { count: result.count })}
          </Typography.Text>
          {!inContent && result.contentOnly > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' · '}
              {t('fw.tree.moreInContent', { count: result.contentOnly })}
            </Typography.Text>
          )}
        </div>
      )}
      <Checkbox
        checked={inContent}
        onChange={(e) => setInContent(e.target.checked)}
        style={{ fontSize: 13, marginTop: 6 }}
        data-testid="fw-search-content"
      >
        {t('fw.tree.searchContent')}
      </Checkbox>
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto', marginTop: 8 }} data-testid="fw-tree">
        {result && result.standards.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fw.tree.noMatch', { query: query.trim() })} />
        ) : (
          <ConfigProvider theme={{ components: { Tree: TREE_TOKENS } }}>
            <Tree
              blockNode
              treeData={treeData}
              expandedKeys={expandedKeys}
              onExpand={(_keys, info) => {
                if (result === null) toggle(String(info.node.key));
              }}
              selectedKeys={[selected]}
              onSelect={(keys) => {
                const key = keys[0];
                if (key !== undefined) onSelect(String(key));
              }}
            />
          </ConfigProvider>
        )}
      </div>
    </div>
  );
}
