hidden revision: never embedded
