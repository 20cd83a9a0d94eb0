import { useEffect, useState } from 'react';
import type { Matter } from '../../shared/catalog/matter-schema';
import type { MatterIndex } from '../../shared/catalog/matter-search';

/**
 * The matter search with its pinyin dictionary (pinyin-pro, ~370 KB) is loaded after the sign-in
 * screen, not before it: `preloadMatterSearch` starts the load once a clerk is in, so it is there when
 * F2 is pressed.
 */
const loadMatterSearch = () => import('../../shared/catalog/matter-search');

export const preloadMatterSearch = (): void => void loadMatterSearch();

/** The search index over these matters; null for the moment the module is still loading. */
export const useMatterIndex = (matters: readonly Matter[]): MatterIndex | null => {
  const [index, setIndex] = useState<MatterIndex | null>(null);
  useEffect(() => {
    let current = true;
    void loadMatterSearch().then(({ createMatterIndex }) => {
      if (current) setIndex(createMatterIndex(matters));
    });
    return () => {
      current = false;
    };
  }, [matters]);
  return index;
};
